using System.Text;

namespace MocketNet.Http.Tests.Codec;

public class RepeatedHeaderTests
{
    [Fact]
    public void Repeated_fields_are_joined_in_linear_time_and_memory()
    {
        // 10,000 repeats of one field in 60 KB: joining as they came allocated about 288 MiB.
        var fields = Enumerable.Range(0, 10_000).Select(i => new KeyValuePair<string, string>(i % 2 == 0 ? "X-Tag" : "x-tag", "abc")).ToList();
        fields.Add(new("Host", "api.test"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var request = new HttpMockRequest("http", "api.test", 80, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n"), "GET", "/", string.Empty, "HTTP/1.1", fields, []);
        var joined = request.Headers["X-TAG"];
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(string.Join(", ", Enumerable.Repeat("abc", 10_000)), joined);
        Assert.Equal("api.test", request.Headers["host"]);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void One_header_reads_as_the_dictionary_has_it_without_making_the_dictionary()
    {
        var fields = new List<KeyValuePair<string, string>> { new("Connection", "keep-alive"), new("Host", "api.test"), new("connection", "close") };
        var request = new HttpMockRequest("http", "api.test", 80, ReadOnlyMemory<byte>.Empty, "GET", "/", string.Empty, "HTTP/1.1", fields, []);

        Assert.True(request.TryGetHeader("CONNECTION", out var connection));
        Assert.Equal("keep-alive, close", connection);
        Assert.True(request.TryGetHeader("host", out var host));
        Assert.Equal("api.test", host);
        Assert.False(request.TryGetHeader("Accept", out _));
        Assert.Equal(request.Headers["Connection"], connection);
    }
}
