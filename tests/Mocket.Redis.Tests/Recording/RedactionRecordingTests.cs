using System.Text;
using MocketNet.Protocols;
using MocketNet.Redis.Tests.Support;
using MocketNet.Tests.Support;

namespace MocketNet.Redis.Tests.Recording;

/// <summary>Secrets never reach a recording file, and a redacted recording replays whatever the secret is now.</summary>
public class RedactionRecordingTests
{
    private const string Password = "s3cret-pass";

    [RedisServerFact]
    public async Task A_password_protected_server_is_recorded_without_its_password_and_replays_with_another()
    {
        using var directory = new TempDirectory();
        string configuration;
        using (var server = new RedisServer(Password))
        {
            configuration = server.Configuration;
            using var scope = Mocket.Enable(Recordings.Options(directory));
            using var redis = await MockRedis.ConnectAsync(configuration);
            Assert.True(await redis.GetDatabase().StringSetAsync("k", "v"));
            Assert.Equal("v", await redis.GetDatabase().StringGetAsync("k"));
            Assert.Empty(scope.Errors);
        }

        var file = File.ReadAllText(Recordings.File(directory));
        Assert.DoesNotContain(Password, file, StringComparison.Ordinal);
        Assert.All(Recordings.Exchanges(directory), e => Assert.StartsWith("*2\r\n$4\r\nAUTH\r\n$8\r\nREDACTED\r\n", e.Request, StringComparison.Ordinal));

        using (var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None)))
        {
            using var redis = await MockRedis.ConnectAsync(configuration.Replace(Password, "another-password", StringComparison.Ordinal));
            Assert.True(await redis.GetDatabase().StringSetAsync("k", "v"));
            Assert.Equal("v", await redis.GetDatabase().StringGetAsync("k"));
            Assert.Empty(scope.Errors);
        }
    }

    [RedisServerFact]
    public async Task HELLO_3_with_AUTH_is_carried_to_the_server_recorded_redacted_and_replayed_in_RESP3()
    {
        using var directory = new TempDirectory();
        int port;
        string recorded;
        using (var server = new RedisServer(Password))
        {
            port = server.Port;
            recorded = await HelloThenGetAsync(directory, port, Password, MocketRecordMode.Once);
        }

        Assert.Equal("%1\r\n$4\r\nname\r\n$3\r\nAda\r\n", recorded);
        var request = Assert.Single(Recordings.Exchanges(directory), e => e.Request.Contains("HGETALL", StringComparison.Ordinal)).Request;
        Assert.StartsWith(Encoding.UTF8.GetString(RespClient.Command("HELLO", "3", "AUTH", "default", "REDACTED")), request, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, File.ReadAllText(Recordings.File(directory)), StringComparison.Ordinal);

        Assert.Equal(recorded, await HelloThenGetAsync(directory, port, "not-the-password", MocketRecordMode.None));
    }

    [RedisServerFact]
    public async Task A_wrong_password_fails_the_pass_through_with_the_servers_answer_and_records_nothing()
    {
        using var directory = new TempDirectory();
        using var server = new RedisServer(Password);
        using var scope = Mocket.Enable(Recordings.Options(directory));
        await using var stream = MocketServer.For(scope).Connect(new MocketLocation("127.0.0.1", server.Port), RedisMockProtocol.Instance);

        Assert.Equal("+OK\r\n", await RespClient.SendAsync(stream, "AUTH", "wrong"));
        await Assert.ThrowsAnyAsync<IOException>(() => RespClient.SendAsync(stream, "GET", "k"));

        var error = Assert.Single(scope.Errors);
        Assert.Contains("AUTH: -WRONGPASS", error.Message, StringComparison.Ordinal);
        scope.Close();
        Assert.False(File.Exists(Recordings.File(directory)));
    }

    [RedisServerFact]
    public async Task Keys_and_hash_fields_the_scope_names_are_redacted_in_requests_and_replies()
    {
        using var directory = new TempDirectory();
        string configuration;
        using (var server = new RedisServer())
        {
            configuration = server.Configuration;
            using var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.Once, "api-token"));
            using var redis = await MockRedis.ConnectAsync(configuration);
            var db = redis.GetDatabase();
            Assert.True(await db.StringSetAsync("api-token", "string-secret"));
            Assert.Equal("string-secret", await db.StringGetAsync("api-token"));
            Assert.True(await db.HashSetAsync("credentials", "api-token", "hash-secret"));
            Assert.Equal("hash-secret", await db.HashGetAsync("credentials", "api-token"));
        }

        var file = File.ReadAllText(Recordings.File(directory));
        Assert.DoesNotContain("secret", file, StringComparison.Ordinal);

        using (var scope = Mocket.Enable(Recordings.Options(directory, MocketRecordMode.None, "api-token")))
        {
            using var redis = await MockRedis.ConnectAsync(configuration);
            var db = redis.GetDatabase();
            Assert.True(await db.StringSetAsync("api-token", "another-value"));
            Assert.Equal("REDACTED", await db.StringGetAsync("api-token"));
            Assert.True(await db.HashSetAsync("credentials", "api-token", "another-value"));
            Assert.Equal("REDACTED", await db.HashGetAsync("credentials", "api-token"));
            Assert.Empty(scope.Errors);
        }
    }

    /// <summary>A raw client on MockRedis.Listen: HELLO 3 with credentials (answered by Mocket), then HGETALL.</summary>
    private static async Task<string> HelloThenGetAsync(TempDirectory directory, int port, string password, MocketRecordMode mode)
    {
        using var scope = Mocket.Enable(Recordings.Options(directory, mode));
        var endPoint = MockRedis.Listen("127.0.0.1", port);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(endPoint);
        var stream = client.GetStream();
        Assert.StartsWith("%7\r\n", await RespClient.SendAsync(stream, "HELLO", "3", "AUTH", "default", password), StringComparison.Ordinal);
        if (mode != MocketRecordMode.None)
        {
            // Seeded through the mock too, so the server sees the carried credentials; only the read is kept.
            await RespClient.SendAsync(stream, "HSET", "user", "name", "Ada");
        }

        var reply = await RespClient.SendAsync(stream, "HGETALL", "user");
        Assert.Empty(scope.Errors);
        return reply;
    }
}
