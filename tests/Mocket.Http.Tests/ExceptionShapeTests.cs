using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests;

/// <summary>
/// A mocked call fails with what HttpClient throws when its connection fails under a request: an
/// HttpRequestException over an IOException, with Mocket's reason below, the same through MockHttp.CreateClient()
/// and through the global seam (which used to throw the bare entry exception), and the same as a real server on
/// 127.0.0.1 resetting the connection under the request gives (types and HttpRequestError).
/// </summary>
public class ExceptionShapeTests
{
    public enum Failure
    {
        EntryIOException,
        EntryOtherException,
        StrictRefusal,
        ScopeClosed,
        PassThroughFailed,
    }

    [Theory]
    [InlineData(Failure.EntryIOException)]
    [InlineData(Failure.EntryOtherException)]
    [InlineData(Failure.StrictRefusal)]
    [InlineData(Failure.ScopeClosed)]
    [InlineData(Failure.PassThroughFailed)]
    public async Task Every_client_sees_the_same_production_shape_with_Mocket_s_reason_in_the_chain(Failure failure)
    {
        var viaHandler = await ProvokeAsync(ClientKind.Explicit, failure);
        var viaSeam = await ProvokeAsync(ClientKind.Global, failure);
        var realReset = await RealResetAsync();

        foreach (var error in new[] { viaHandler, viaSeam })
        {
            var outer = Assert.IsType<HttpRequestException>(error);
            Assert.Equal("An error occurred while sending the request.", outer.Message);
            Assert.IsAssignableFrom<IOException>(outer.InnerException);
            Assert.Contains(failure switch
            {
                Failure.EntryIOException => "disk on fire",
                Failure.EntryOtherException => "state went wrong",
                Failure.StrictRefusal => "Refused by the strict Mocket scope",
                Failure.PassThroughFailed => "passed it to the real server (true socket), and that failed",
                _ => "was closed while the connection was open",
            }, error.ToString(), StringComparison.Ordinal);

            // What a real server that resets the connection under a request gives: code that catches it works the same.
            Assert.Equal(Chain(realReset).Take(2), Chain(error).Take(2));
            Assert.Equal(realReset.HttpRequestError(), error.HttpRequestError());
        }

        if (failure == Failure.StrictRefusal)
        {
            // The report (entries and why each did not match) is in the chain once, not once per wrapper.
            Assert.Equal(2, viaHandler.ToString().Split("Registered entries:").Length);
            Assert.Equal(2, viaSeam.ToString().Split("Registered entries:").Length);
        }

        Assert.Equal(viaHandler.HttpRequestError(), viaSeam.HttpRequestError());
        Assert.Equal(Chain(viaHandler).Take(2), Chain(viaSeam).Take(2));
    }

    private static async Task<Exception> RealResetAsync()
    {
        await using var server = RawHttpServer.Sending(string.Empty, SocketEnd.Reset);
        using var scope = Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1" } });
        using var client = new HttpClient();
        return await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(server.Address).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A port on 127.0.0.1 where nothing listens (a listener's, once it has stopped).</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<Exception> ProvokeAsync(ClientKind kind, Failure failure)
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = failure == Failure.StrictRefusal });
        try
        {
            MockHttp.Register("GET", "http://shape.test/io", HttpMockResponse.Throw(new IOException("disk on fire")));
            MockHttp.Register("GET", "http://shape.test/other", HttpMockResponse.Throw(new InvalidOperationException("state went wrong")));
            MockHttp.Register("GET", "http://shape.test/slow", new HttpMockResponse("late").WithDelay(TimeSpan.FromSeconds(60)));

            // An entry at the closed port makes Mocket serve the connection; the unmatched request is passed through and fails.
            var closed = ClosedPort();
            MockHttp.Register("GET", $"http://127.0.0.1:{closed}/other", new HttpMockResponse("other"));
            using var client = Clients.Create(kind);
            var call = client.GetAsync(new Uri(failure switch
            {
                Failure.EntryIOException => "http://shape.test/io",
                Failure.EntryOtherException => "http://shape.test/other",
                Failure.StrictRefusal => "http://shape.test/nothing-here",
                Failure.PassThroughFailed => $"http://127.0.0.1:{closed}/gone",
                _ => "http://shape.test/slow",
            }));
            if (failure == Failure.ScopeClosed)
            {
                while (!scope.HasRequests)
                {
                    await Task.Delay(10);
                }

                scope.Close();
            }

            return await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            scope.Close(throwOnViolations: false);
        }
    }

    private static IEnumerable<Type> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e.GetType();
        }
    }
}

internal static class HttpRequestExceptionExtensions
{
    public static HttpRequestError? HttpRequestError(this Exception error) => (error as HttpRequestException)?.HttpRequestError;
}
