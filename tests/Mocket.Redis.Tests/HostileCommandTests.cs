using MocketNet.Redis.Codec;
using MocketNet.Redis.Tests.Support;

namespace MocketNet.Redis.Tests;

/// <summary>Commands a hostile client may send are answered in RESP and leave the connection usable.</summary>
public class HostileCommandTests
{
    [Theory]
    [InlineData("GE\r\nT")]
    [InlineData("GET\r")]
    [InlineData("\nSET")]
    public async Task A_strict_refusal_of_a_command_whose_name_holds_CR_or_LF_is_one_valid_ERR_line_and_the_connection_stays(string verb)
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.Register("GET a", "b");
        await using var stream = Mocket.Connect("localhost", 6379);

        var refusal = await RespClient.SendAsync(stream, verb, "a");
        var next = await RespClient.SendAsync(stream, "GET", "a");

        Assert.StartsWith("-ERR ", refusal, StringComparison.Ordinal);
        Assert.Equal(refusal.Length - 2, refusal.IndexOf("\r\n", StringComparison.Ordinal));
        Assert.Equal("$1\r\nb\r\n", next);
        Assert.Single(scope.Close(throwOnViolations: false));
    }

    [Fact]
    public async Task An_argument_over_the_scope_s_bulk_limit_is_a_protocol_error_naming_the_limit()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("SET k ...", MockRedis.Ok);
        MockRedis.SetLimits(RedisMockLimits.Default with { MaxBulkLength = 1024 });
        await using var stream = Mocket.Connect("localhost", 6379);

        var small = await RespClient.SendAsync(stream, "SET", "k", new string('v', 1024));
        var large = await RespClient.SendAsync(stream, "SET", "k", new string('v', 2048));

        Assert.Equal("+OK\r\n", small);
        Assert.True(large.StartsWith("-ERR Protocol error: a command argument of 2048 bytes (RedisMockLimits.MaxBulkLength is 1024", StringComparison.Ordinal), large);
        Assert.Equal(RespFormatError.LengthOutOfRange, Assert.IsType<RespFormatException>(Assert.Single(scope.Errors)).Reason);
    }
}
