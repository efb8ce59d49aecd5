using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MocketNet.Protocols;
using MocketNet.Redis.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Redis.Tests.Recording;

/// <summary>Recording and replay over the loopback listener and raw in-memory connections, and files in the reference's format.</summary>
public class OtherClientsRecordingTests
{
    private static readonly string[][] s_session =
    [
        ["SET", "k", "v"],
        ["GET", "k"],
        ["INCR", "n"],
        ["SELECT", "2"],
        ["SET", "k", "in db 2"],
        ["GET", "k"],
        ["SELECT", "0"],
        ["LRANGE", "nothing", "0", "-1"],
        ["GET", "mocked"],
    ];

    [RedisServerFact]
    public async Task A_raw_TcpClient_on_MockRedis_Listen_is_recorded_then_replayed_with_no_connection_attempt()
    {
        using var directory = new TempDirectory();
        int port;
        List<string> recorded;
        using (var server = new RedisServer())
        {
            port = server.Port;
            recorded = await ListenSessionAsync(directory, port, MocketRecordMode.Once, registerEntry: false);
        }

        Assert.Equal(["+OK\r\n", "$1\r\nv\r\n", ":1\r\n", "+OK\r\n", "+OK\r\n", "$7\r\nin db 2\r\n", "+OK\r\n", "*0\r\n", "$-1\r\n"], recorded);
        var requests = Recordings.Exchanges(directory).Select(e => e.Request).ToList();
        Assert.Contains(Encoding.UTF8.GetString([.. RespClient.Command("SELECT", "2"), .. RespClient.Command("GET", "k")]), requests);
        Assert.DoesNotContain(requests, r => r.StartsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n0", StringComparison.Ordinal));

        using var attempts = new ConnectionAttempts(port);
        Assert.Equal(recorded, await ListenSessionAsync(directory, port, MocketRecordMode.None, registerEntry: false));
        Assert.Equal(0, attempts.Count);
    }

    [RedisServerFact]
    public async Task Mocket_Listen_at_a_location_with_a_Redis_entry_records_what_the_entry_does_not_answer()
    {
        using var directory = new TempDirectory();
        int port;
        List<string> recorded;
        using (var server = new RedisServer())
        {
            port = server.Port;
            recorded = await ListenSessionAsync(directory, port, MocketRecordMode.Once, registerEntry: true);
        }

        Assert.Equal("$6\r\nmocked\r\n", recorded[^1]);
        Assert.DoesNotContain(Recordings.Exchanges(directory), e => e.Request.Contains("mocked", StringComparison.Ordinal));

        using var attempts = new ConnectionAttempts(port);
        Assert.Equal(recorded, await ListenSessionAsync(directory, port, MocketRecordMode.None, registerEntry: true));
        Assert.Equal(0, attempts.Count);
    }

    [RedisServerFact]
    public async Task A_raw_Mocket_Connect_client_speaking_RESP_is_recorded_and_replayed()
    {
        using var directory = new TempDirectory();
        int port;
        using (var server = new RedisServer())
        {
            port = server.Port;
            await server.SetAsync("k", "from the server");
            using var scope = Mocket.Enable(Recordings.Options(directory));
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", port), RedisMockProtocol.Instance);
            Assert.Equal("$15\r\nfrom the server\r\n", await RespClient.SendAsync(stream, "GET", "k"));
        }

        using (var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None)))
        {
            await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", port), RedisMockProtocol.Instance);

            // An inline command is the same command: it matches the recorded RESP array.
            Assert.Equal("$15\r\nfrom the server\r\n", await RespClient.SendRawAsync(stream, "get k\r\n"u8.ToArray()));
            var miss = await Assert.ThrowsAnyAsync<IOException>(() => RespClient.SendAsync(stream, "GET", "never-recorded"));
            Assert.Contains("GET never-recorded", Assert.IsType<MocketRecordingException>(miss.InnerException).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_written_by_hand_in_the_references_format_is_served_to_a_raw_Mocket_Connect_client()
    {
        using var directory = new TempDirectory();
        const string request = "*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n";
        var port = ClosedPort();

        // hashlib.md5("".join(sorted(request.split("\r\n"))).encode()).hexdigest(), run in python3.
        Assert.Equal("0124dd4deddce3a5b9a91970b311c0b5", PythonSignature(request));
        File.WriteAllText(Recordings.File(directory), $$"""
            {
                "127.0.0.1": {
                    "{{port.ToString(CultureInfo.InvariantCulture)}}": {
                        "{{PythonSignature(request)}}": {
                            "request": "*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n",
                            "response": "24 33 0D 0A 62 61 72 0D 0A"
                        }
                    }
                }
            }
            """);

        using (var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None)))
        {
            // No entry at the location: the connection is raw and the request's exact bytes are looked up.
            await using var raw = Mocket.Connect("127.0.0.1", port);
            Assert.Equal("$3\r\nbar\r\n", await RespClient.SendRawAsync(raw, Encoding.UTF8.GetBytes(request)));

            // Through the Redis protocol, its canonical form has the same signature.
            await using var resp = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", port), RedisMockProtocol.Instance);
            Assert.Equal("$3\r\nbar\r\n", await RespClient.SendAsync(resp, "GET", "foo"));
            Assert.Empty(scope.Errors);
        }
    }

    /// <summary>Python mocket's signature: md5 of the request's lines (split on CRLF) sorted and joined with nothing.</summary>
    private static string PythonSignature(string request)
    {
        var lines = request.Split("\r\n");
        Array.Sort(lines, StringComparer.Ordinal);
#pragma warning disable CA5351 // Not security: the reference's file format keys exchanges by this MD5.
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))));
#pragma warning restore CA5351
    }

    private static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static async Task<List<string>> ListenSessionAsync(TempDirectory directory, int port, MocketRecordMode mode, bool registerEntry)
    {
        using var scope = Mocket.Enable(Recordings.Options(directory, mode));
        System.Net.IPEndPoint endPoint;
        if (registerEntry)
        {
            MockRedis.RegisterResponse("GET mocked", "mocked", host: "127.0.0.1", port: port);
            endPoint = Mocket.Listen("127.0.0.1", port);
        }
        else
        {
            endPoint = MockRedis.Listen("127.0.0.1", port);
        }

        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        var replies = new List<string>();
        foreach (var command in s_session)
        {
            replies.Add(await RespClient.SendAsync(client.GetStream(), command));
        }

        Assert.Empty(scope.Errors);
        Assert.Empty(scope.Violations);
        return replies;
    }
}
