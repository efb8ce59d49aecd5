using System.Text;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Connections;

public class ConnectTests
{
    [Fact]
    public async Task An_exception_response_fails_the_clients_connection_with_an_IOException_carrying_it()
    {
        using var scope = Mocket.Enable();
        var boom = new TimeoutException("upstream timed out");
        Mocket.Register(new MocketEntry("fault.test", 5, "fine", boom));

        await using var stream = Mocket.Connect("fault.test", 5);
        Assert.Equal("fine", await Net.ExchangeAsync(stream, "one"));
        var error = await Assert.ThrowsAsync<IOException>(() => Net.ExchangeAsync(stream, "two"));

        Assert.Same(boom, error.InnerException);
        Assert.Throws<IOException>(() => stream.Write("three"u8));
        Assert.Equal(2, scope.Requests.Count);
    }

    [Fact]
    public async Task Replies_sent_before_a_fault_still_reach_the_client_before_the_error()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("late.test", 5, "first", new TimeoutException("then broke")));

        await using var stream = Mocket.Connect("late.test", 5);
        stream.Write("one"u8);
        stream.Write("two"u8);
        await Poll.UntilAsync(() => scope.Requests.Count == 2);

        Assert.Equal("first", await Net.ReadSomeAsync(stream));
        var error = await Assert.ThrowsAsync<IOException>(() => Net.ReadSomeAsync(stream));
        Assert.IsType<TimeoutException>(error.InnerException);
        var write = Assert.Throws<IOException>(() => stream.Write("three"u8));
        Assert.IsType<TimeoutException>(write.InnerException);
    }

    [Fact]
    public async Task A_client_that_closes_mid_response_leaves_the_scope_usable()
    {
        using var scope = Mocket.Enable();
        var big = new byte[4 * 1024 * 1024];
        Mocket.Register(new MocketEntry("big.test", 1, big));

        var stream = Mocket.Connect("big.test", 1);
        stream.Write("give"u8);
        var buffer = new byte[16];
        await stream.ReadExactlyAsync(buffer);
        await stream.DisposeAsync();

        await using var again = Mocket.Connect("big.test", 1);
        again.Write("give"u8);
        Assert.Equal(big.Length, await ReadExactlyAsync(again, big.Length));
        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task Sync_reads_and_writes_work_like_a_socket()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("sync.test", 2, "pong"));

        using var stream = Mocket.Connect("sync.test", 2);
        stream.Write(Encoding.ASCII.GetBytes("ping"));
        var buffer = new byte[4];
        stream.ReadExactly(buffer);

        Assert.Equal("pong", Encoding.ASCII.GetString(buffer));
        Assert.False(stream.CanSeek);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Closing_the_scope_ends_its_open_connections()
    {
        var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("open.test", 3, "hi"));
        var stream = Mocket.Connect("open.test", 3);
        var pending = Net.ReadSomeAsync(stream);

        scope.Dispose();

        var error = await Assert.ThrowsAsync<IOException>(() => pending);
        Assert.Contains("was closed", error.Message, StringComparison.Ordinal);
        await stream.DisposeAsync();
    }

    private static async Task<int> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        return count;
    }
}
