using Grpc.Core;
using MocketNet.Http;

namespace MocketNet.Grpc;

/// <summary>
/// Registers gRPC methods on the current scope. The code under test keeps Grpc.Net.Client: a channel over
/// <c>MockHttp.CreateHandler()</c>, <c>AddGrpcClient&lt;T&gt;()</c> (IHttpClientFactory, through the global seam), or any channel whose
/// handler is not a bare SocketsHttpHandler (see docs/grpc.md). Each entry is an HTTP/2 entry for <c>POST {address}/{service}/{method}</c>,
/// so strict mode, the mismatch report, the request log and faults hold as for HTTP.
/// </summary>
public static class MockGrpc
{
    /// <summary>A unary method answers each request with <paramref name="respond"/>'s message; an <see cref="RpcException"/> it throws is the call's status.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="address">The channel's address, such as <c>https://greeter.test</c>.</param>
    /// <param name="method">The method (<see cref="MethodOf{TClient, TRequest, TResponse}(Func{TClient, TRequest, AsyncUnaryCall{TResponse}})"/> finds a generated client's).</param>
    /// <param name="respond">Builds the response from the request.</param>
    /// <param name="options">Response headers, trailers and delay.</param>
    public static void Unary<TRequest, TResponse>(string address, Method<TRequest, TResponse> method, Func<TRequest, TResponse> respond, GrpcMockOptions? options = null)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(respond);
        Register(address, method, MethodType.Unary, requests => [respond(requests[0])], options);
    }

    /// <summary>A server-streaming method answers each request with the messages of <paramref name="respond"/>, then OK.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="address">The channel's address.</param>
    /// <param name="method">The method.</param>
    /// <param name="respond">Builds the responses from the request (all of them are sent, then the status).</param>
    /// <param name="options">Response headers, trailers and delay.</param>
    public static void ServerStreaming<TRequest, TResponse>(string address, Method<TRequest, TResponse> method, Func<TRequest, IEnumerable<TResponse>> respond, GrpcMockOptions? options = null)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(respond);
        Register(address, method, MethodType.ServerStreaming, requests => respond(requests[0]), options);
    }

    /// <summary>A client-streaming method answers, once the client completes its stream, with <paramref name="respond"/>'s message for all it sent.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="address">The channel's address.</param>
    /// <param name="method">The method.</param>
    /// <param name="respond">Builds the response from every request message, in order.</param>
    /// <param name="options">Response headers, trailers and delay.</param>
    public static void ClientStreaming<TRequest, TResponse>(string address, Method<TRequest, TResponse> method, Func<IReadOnlyList<TRequest>, TResponse> respond, GrpcMockOptions? options = null)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(respond);
        Register(address, method, MethodType.ClientStreaming, requests => [respond(requests)], options);
    }

    /// <summary>
    /// A duplex method answers, once the client completes its stream, with the messages of <paramref name="respond"/> for all it sent.
    /// A client that waits for a reply before it sends its next message needs a real server: Mocket answers whole calls.
    /// </summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="address">The channel's address.</param>
    /// <param name="method">The method.</param>
    /// <param name="respond">Builds the responses from every request message, in order.</param>
    /// <param name="options">Response headers, trailers and delay.</param>
    public static void Duplex<TRequest, TResponse>(string address, Method<TRequest, TResponse> method, Func<IReadOnlyList<TRequest>, IEnumerable<TResponse>> respond, GrpcMockOptions? options = null)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(respond);
        Register(address, method, MethodType.DuplexStreaming, respond, options);
    }

    /// <summary>Every call of <paramref name="method"/> fails with <paramref name="code"/> and <paramref name="detail"/>: the client sees an <see cref="RpcException"/>.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="address">The channel's address.</param>
    /// <param name="method">The method.</param>
    /// <param name="code">The status code.</param>
    /// <param name="detail">The status detail.</param>
    /// <param name="options">Response headers, trailers and delay.</param>
    public static void Fail<TRequest, TResponse>(string address, Method<TRequest, TResponse> method, StatusCode code, string detail = "", GrpcMockOptions? options = null)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        var status = new Status(code, detail ?? string.Empty);
        Register(address, method, method.Type, _ => throw new RpcException(status), options);
    }

    /// <summary>The request messages the current scope received for <paramref name="method"/>, every call's in order, for assertions.</summary>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="method">The method.</param>
    /// <exception cref="InvalidOperationException">No Mocket scope is open.</exception>
    public static IReadOnlyList<TRequest> Requests<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        return Mocket.CurrentScope.Requests
            .OfType<HttpMockRequest>()
            .Where(r => r.Method == "POST" && r.Path == method.FullName)
            .SelectMany(r => GrpcWire.ReadMessages(r.Body, method.RequestMarshaller))
            .ToList();
    }

    /// <summary>The method a generated client's unary call uses: <c>MockGrpc.MethodOf((Greeter.GreeterClient c, HelloRequest r) =&gt; c.SayHelloAsync(r))</c>.</summary>
    /// <typeparam name="TClient">The generated client.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="call">Calls the method once; nothing is sent.</param>
    public static Method<TRequest, TResponse> MethodOf<TClient, TRequest, TResponse>(Func<TClient, TRequest, AsyncUnaryCall<TResponse>> call)
        where TClient : ClientBase<TClient>
        where TRequest : class
        where TResponse : class =>
        MethodCapture.Of<TClient, TRequest, TResponse>(client => call(client, default!));

    /// <summary>The method a generated client's server-streaming call uses.</summary>
    /// <typeparam name="TClient">The generated client.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="call">Calls the method once; nothing is sent.</param>
    public static Method<TRequest, TResponse> MethodOf<TClient, TRequest, TResponse>(Func<TClient, TRequest, AsyncServerStreamingCall<TResponse>> call)
        where TClient : ClientBase<TClient>
        where TRequest : class
        where TResponse : class =>
        MethodCapture.Of<TClient, TRequest, TResponse>(client => call(client, default!));

    /// <summary>The method a generated client's client-streaming call uses.</summary>
    /// <typeparam name="TClient">The generated client.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="call">Calls the method once; nothing is sent.</param>
    public static Method<TRequest, TResponse> MethodOf<TClient, TRequest, TResponse>(Func<TClient, AsyncClientStreamingCall<TRequest, TResponse>> call)
        where TClient : ClientBase<TClient>
        where TRequest : class
        where TResponse : class =>
        MethodCapture.Of<TClient, TRequest, TResponse>(client => call(client));

    /// <summary>The method a generated client's duplex call uses.</summary>
    /// <typeparam name="TClient">The generated client.</typeparam>
    /// <typeparam name="TRequest">The request message.</typeparam>
    /// <typeparam name="TResponse">The response message.</typeparam>
    /// <param name="call">Calls the method once; nothing is sent.</param>
    public static Method<TRequest, TResponse> MethodOf<TClient, TRequest, TResponse>(Func<TClient, AsyncDuplexStreamingCall<TRequest, TResponse>> call)
        where TClient : ClientBase<TClient>
        where TRequest : class
        where TResponse : class =>
        MethodCapture.Of<TClient, TRequest, TResponse>(client => call(client));

    private static void Register<TRequest, TResponse>(
        string address, Method<TRequest, TResponse> method, MethodType kind, Func<IReadOnlyList<TRequest>, IEnumerable<TResponse>> handler, GrpcMockOptions? options)
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != kind)
        {
            throw new ArgumentException(
                $"{method.FullName} is a {method.Type} method, not {kind}: register it with MockGrpc.{RegisterName(method.Type)}.", nameof(method));
        }

        var answer = new GrpcAnswer<TRequest, TResponse>(method, handler, options ?? new GrpcMockOptions());
        MockHttp.Register("POST", MethodUrl(address, method.FullName), answer.Answer);
    }

    private static string MethodUrl(string address, string methodPath)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            throw new ArgumentException(
                $"\"{address}\" is not a gRPC channel address: give the address the channel is built with, scheme, host and port only (https://greeter.test or http://localhost:5000).",
                nameof(address));
        }

        return uri.GetLeftPart(UriPartial.Authority) + methodPath;
    }

    private static string RegisterName(MethodType type) => type switch
    {
        MethodType.Unary => nameof(Unary),
        MethodType.ServerStreaming => nameof(ServerStreaming),
        MethodType.ClientStreaming => nameof(ClientStreaming),
        _ => nameof(Duplex),
    };
}
