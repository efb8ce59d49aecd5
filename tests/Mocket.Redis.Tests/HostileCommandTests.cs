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
}
