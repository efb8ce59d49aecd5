using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>A file written by hand in the reference's format (request text, hex reply, md5 of the sorted request lines) serves HttpClient.</summary>
public class ReferenceFormatTests
{
    private const string Body = """{"origin": "203.0.113.7"}""";

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    [Theory]
    [InlineData(ClientKind.Explicit, "python-requests/2.31.0")]
    [InlineData(ClientKind.Global, "python-requests/2.31.0")]
    [InlineData(ClientKind.Explicit, "python-requests/2.32.3")]
    [InlineData(ClientKind.Global, "python-requests/2.32.3")]
    public async Task A_hand_written_reference_recording_answers_an_HttpClient_offline(ClientKind kind, string userAgent)
    {
        using var directory = new TempDirectory();
        const string request = "GET /ip?format=json HTTP/1.1\r\nHost: httpbin.local\r\nUser-Agent: python-requests/2.31.0\r\nAccept: application/json\r\n\r\n";
        var reply = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\nServer: gunicorn\r\n\r\n{Body}";
        WriteReferenceFile(Recordings.File(directory), "httpbin.local", 80, request, reply);

        var served = await Recordings.ReplayOfflineAsync(directory, async () =>
        {
            using var client = Clients.Create(kind);
            using var message = new HttpRequestMessage(HttpMethod.Get, "http://httpbin.local/ip?format=json");
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            return await Reply.ReadAsync(client.SendAsync(message));
        });

        Assert.Equal(200, served.Status);
        Assert.Equal(Body, served.Body);
        Assert.Contains("Server: gunicorn", served.Headers, StringComparison.Ordinal);
    }

    /// <summary>What Python mocket's MocketRecordStorage writes, computed here independently of Mocket.</summary>
    private static void WriteReferenceFile(string path, string host, int port, string request, string reply)
    {
#pragma warning disable CA5351 // The reference's signature is MD5 (not a security use).
        var signature = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(string.Concat(request.Split("\r\n").Order(StringComparer.Ordinal)))));
#pragma warning restore CA5351
        var hex = string.Join(' ', Encoding.UTF8.GetBytes(reply).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        var document = new Dictionary<string, object>
        {
            [host] = new Dictionary<string, object>
            {
                [port.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new Dictionary<string, object>
                {
                    [signature] = new Dictionary<string, string> { ["request"] = request, ["response"] = hex },
                },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, s_indented));
    }
}
