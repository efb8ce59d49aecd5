using System.Text.Json;
using MocketNet.Http.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>Scopes that record into, or replay offline from, a test's directory, and what the file holds.</summary>
internal static class Recordings
{
    public const string Namespace = "http";

    public static MocketOptions Options(TempDirectory directory, MocketRecordMode mode = MocketRecordMode.Once, bool strict = false, params string[] redacted)
    {
        var options = new MocketOptions { RecordingDirectory = directory.Path, Namespace = Namespace, RecordMode = mode, Strict = strict };
        foreach (var field in redacted)
        {
            options.RedactedFields.Add(field);
        }

        return options;
    }

    /// <summary>Records what <paramref name="body"/> sends (mode Once, not strict); the file is on disk when this returns.</summary>
    public static async Task<T> RecordAsync<T>(TempDirectory directory, Func<Task<T>> body, params string[] redacted)
    {
        using var scope = Mocket.Enable(Options(directory, redacted: redacted));
        var result = await body();
        Assert.Empty(scope.Errors);
        return result;
    }

    /// <summary>
    /// Starts the Kestrel origin (HTTPS with <paramref name="certificates"/>, whose root the recording scope
    /// trusts), records what <paramref name="send"/> does to <paramref name="path"/> there, and stops the origin,
    /// so that whatever follows runs without it.
    /// </summary>
    public static async Task<(Uri Url, Reply Recorded)> RecordFromOriginAsync(
        TempDirectory directory, string path, Func<Uri, Task<Reply>> send, TestCertificates? certificates = null, params string[] redacted)
    {
        await using var origin = await Origin.StartAsync(certificates);
        var url = new Uri(origin.Address, path);
        var recorded = await RecordAsync(
            directory,
            () =>
            {
                if (certificates is not null)
                {
                    MockHttp.TrustUpstreamRoot(certificates.Root);
                }

                return send(url);
            },
            redacted);
        Assert.NotEqual(0, origin.Requests);
        return (url, recorded);
    }

    /// <summary>
    /// Replays in a strict scope with mode None: any request not answered from the recording, and any real
    /// connection the network guard sees, fails the test.
    /// </summary>
    public static async Task<T> ReplayOfflineAsync<T>(TempDirectory directory, Func<Task<T>> body, params string[] redacted)
    {
        using var scope = Mocket.Enable(Options(directory, MocketRecordMode.None, strict: true, redacted));
        var result = await body();
        Assert.Empty(scope.Violations);
        Assert.Empty(scope.Errors);
        Assert.NotEmpty(scope.Requests);
        return result;
    }

    public static string File(TempDirectory directory) => directory.File(Namespace + ".json");

    /// <summary>Every recorded exchange: its request text, response hex and response_text.</summary>
    public static IReadOnlyList<(string Request, string Response, string? Text)> Exchanges(TempDirectory directory)
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(File(directory)));
        return json.RootElement.EnumerateObject()
            .SelectMany(host => host.Value.EnumerateObject())
            .SelectMany(port => port.Value.EnumerateObject())
            .Select(e => (
                e.Value.GetProperty("request").GetString()!,
                e.Value.GetProperty("response").GetString()!,
                e.Value.TryGetProperty("response_text", out var text) ? text.GetString() : null))
            .ToList();
    }
}
