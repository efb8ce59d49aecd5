using System.Net;

namespace MocketNet.Http.Tests.Support;

public static class Clients
{
    public static HttpClient Create(ClientKind kind) => kind == ClientKind.Explicit ? MockHttp.CreateClient() : new HttpClient();

    /// <summary>A client that asks for compressed replies and decompresses them (AutomaticDecompression).</summary>
    public static HttpClient CreateDecompressing(ClientKind kind)
    {
        var handler = kind == ClientKind.Explicit ? (SocketsHttpHandler)MockHttp.CreateHandler() : new SocketsHttpHandler();
        handler.AutomaticDecompression = DecompressionMethods.All;
        return new HttpClient(handler);
    }

    /// <summary>The exception itself or the first of its inner exceptions that is a <typeparamref name="T"/>.</summary>
    public static T? FindInChain<T>(Exception? error, Func<T, bool>? where = null)
        where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T found && (where is null || where(found)))
            {
                return found;
            }
        }

        return null;
    }
}
