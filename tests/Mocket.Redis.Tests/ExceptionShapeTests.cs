using MocketNet.Redis.Tests.Support;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>A mocked failure reaches StackExchange.Redis code as a real server's would: compared with a real redis-server on 127.0.0.1.</summary>
public class ExceptionShapeTests
{
    [RedisServerFact]
    public async Task A_strict_refusal_is_the_server_error_a_real_server_gives_an_unknown_command()
    {
        Exception real;
        using (var server = new RedisServer())
        {
            using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
            real = await Assert.ThrowsAnyAsync<RedisException>(() => direct.GetDatabase().ExecuteAsync("NOSUCHCOMMAND", "x"));
        }

        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        Exception mocked;
        using (var redis = await MockRedis.ConnectAsync())
        {
            mocked = await Assert.ThrowsAnyAsync<RedisException>(() => redis.GetDatabase().ExecuteAsync("NOSUCHCOMMAND", "x"));
        }

        Assert.Equal(real.GetType(), mocked.GetType());
        Assert.IsType<RedisServerException>(mocked);
        Assert.StartsWith("ERR ", mocked.Message, StringComparison.Ordinal);
        Assert.Single(scope.Close(throwOnViolations: false));
    }
}
