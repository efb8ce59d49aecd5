using MocketNet.Redis.Tests.Support;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>Outside strict mode, an unregistered command goes to the real server at its location.</summary>
public class TrueSocketTests
{
    [RedisServerFact]
    public async Task An_unregistered_command_passes_through_to_a_real_server_while_entries_still_answer()
    {
        using var server = new RedisServer();
        await server.SetAsync("real", "from redis-server");

        using var scope = Mocket.Enable();
        MockRedis.RegisterResponse("GET mocked", "from mocket", host: "127.0.0.1", port: server.Port);
        using var redis = await MockRedis.ConnectAsync(server.Configuration);
        var db = redis.GetDatabase();

        Assert.Equal("from mocket", await db.StringGetAsync("mocked"));
        Assert.Equal("from redis-server", await db.StringGetAsync("real"));
        Assert.Equal(2, Mocket.Requests.Count);
        Assert.Empty(scope.Errors);
    }

    [RedisServerFact]
    public async Task A_pipeline_mixing_mocked_and_passed_through_commands_keeps_its_order()
    {
        using var server = new RedisServer();
        await server.SetAsync("real", "R");

        using var scope = Mocket.Enable();
        MockRedis.RegisterResponse("GET mocked", "M", host: "127.0.0.1", port: server.Port);
        using var redis = await MockRedis.ConnectAsync(server.Configuration);
        var batch = redis.GetDatabase().CreateBatch();
        var keys = new[] { "mocked", "real", "mocked", "mocked", "real", "real", "mocked" };
        var gets = keys.Select(k => batch.StringGetAsync(k)).ToList();
        batch.Execute();

        var values = await Task.WhenAll(gets);

        Assert.Equal(keys.Select(k => k == "real" ? "R" : "M"), values.Select(v => (string)v!));
    }

    [Fact]
    public async Task A_strict_scope_never_passes_through()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        using (var redis = await MockRedis.ConnectAsync("127.0.0.1:1"))
        {
            await Assert.ThrowsAsync<RedisServerException>(() => redis.GetDatabase().StringGetAsync("x"));
        }

        var violation = Assert.Single(scope.Close(throwOnViolations: false));
        Assert.Equal("127.0.0.1:1", violation.Address);
    }
}
