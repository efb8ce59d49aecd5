using Grpc.Core;

namespace MocketNet.Grpc;

/// <summary>Finds the <see cref="Method{TRequest, TResponse}"/> a generated client's call uses: the client runs over an invoker that takes the method and sends nothing.</summary>
internal sealed class MethodCapture : CallInvoker
{
    public static Method<TRequest, TResponse> Of<TClient, TRequest, TResponse>(Action<TClient> call)
        where TClient : ClientBase<TClient>
        where TRequest : class
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(call);
        TClient client;
        try
        {
            client = (TClient)Activator.CreateInstance(typeof(TClient), new MethodCapture())!;
        }
        catch (MissingMethodException error)
        {
            throw new ArgumentException($"{typeof(TClient).Name} has no constructor that takes a CallInvoker, as generated gRPC clients do.", nameof(call), error);
        }

        try
        {
            call(client);
        }
        catch (CapturedException captured)
        {
            return captured.Method as Method<TRequest, TResponse>
                ?? throw new ArgumentException(
                    $"The call uses {captured.Method.FullName}, whose messages are not {typeof(TRequest).Name} and {typeof(TResponse).Name}.", nameof(call));
        }

        throw new ArgumentException($"The lambda given did not call a method of {typeof(TClient).Name}.", nameof(call));
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new CapturedException(method);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new CapturedException(method);

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new CapturedException(method);

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new CapturedException(method);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new CapturedException(method);

#pragma warning disable CA1032, CA1064 // Never leaves MethodCapture.Of: it carries the method out of the generated client's call.
    private sealed class CapturedException(IMethod method) : Exception
#pragma warning restore CA1032, CA1064
    {
        public IMethod Method { get; } = method;
    }
}
