using Grpc.Core;
using MocketNet.Http;

namespace MocketNet.Grpc;

/// <summary>
/// Answers one call of a registered method: reads the request's messages, runs the entry's handler, and writes what a
/// gRPC server writes — headers, length-prefixed messages, then <c>grpc-status</c> in the trailers (alone in the headers,
/// "trailers-only", when the call fails before any message).
/// </summary>
internal sealed class GrpcAnswer<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<IReadOnlyList<TRequest>, IEnumerable<TResponse>> handler, GrpcMockOptions options)
    where TRequest : class
    where TResponse : class
{
    /// <summary>How much later than the client the fake server sees a deadline pass.</summary>
    private static readonly TimeSpan ServerLag = TimeSpan.FromMilliseconds(100);

    // Headers, then OK and the entry's trailers: the same for every call, made once.
    private readonly HttpMockResponse _ok = new HttpMockResponse([], 200, Headers(options))
        .WithTrailers(Status(StatusCode.OK, string.Empty).Concat(GrpcWire.Fields(options.ResponseTrailers)).ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase));

    public HttpMockResponse Answer(HttpMockRequest request)
    {
        var deadline = GrpcWire.Timeout(request.TryGetHeader("grpc-timeout", out var timeoutText) ? timeoutText : null);
        if (options.Delay > TimeSpan.Zero && deadline is { } timeout && timeout <= options.Delay)
        {
            // A real server's handler is cancelled at the deadline and it answers DEADLINE_EXCEEDED; it counts from when the request
            // arrived, so the client's own timer ends the call first (with no detail). The fake does the same, a moment late.
            return Failure(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), trailers: null).WithDelay(timeout + ServerLag);
        }

        HttpMockResponse answer;
        try
        {
            var messages = GrpcWire.ReadMessages(request.Body, method.RequestMarshaller);
            if (method.Type is MethodType.Unary or MethodType.ServerStreaming && messages.Count != 1)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"A {method.Type} call carries one request message; Mocket received {messages.Count}."));
            }

            var responses = handler(messages).ToList();
            if (method.Type is MethodType.Unary or MethodType.ClientStreaming && responses.Count != 1)
            {
                throw new InvalidOperationException($"The Mocket entry for {method.FullName} ({method.Type}) answered {responses.Count} messages where the method has one.");
            }

            answer = _ok.WithBody(GrpcWire.WriteMessages(responses, method.ResponseMarshaller));
        }
        catch (RpcException failure)
        {
            answer = Failure(failure.Status, failure.Trailers);
        }
#pragma warning disable CA1031 // As a gRPC server does: any other exception of the handler ends the call with UNKNOWN.
        catch (Exception error)
#pragma warning restore CA1031
        {
            answer = Failure(new Status(StatusCode.Unknown, $"Exception was thrown by handler. {error.GetType().Name}: {error.Message}"), trailers: null);
        }

        return options.Delay > TimeSpan.Zero ? answer.WithDelay(options.Delay) : answer;
    }

    /// <summary>Trailers-only: the status in the response headers, no messages.</summary>
    private HttpMockResponse Failure(Status status, Metadata? trailers)
    {
        var headers = Headers(options);
        foreach (var (name, value) in Status(status.StatusCode, status.Detail).Concat(GrpcWire.Fields(trailers ?? options.ResponseTrailers)))
        {
            headers[name] = value;
        }

        return new HttpMockResponse([], 200, headers);
    }

    private static Dictionary<string, string> Headers(GrpcMockOptions options)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = GrpcWire.ContentType };
        foreach (var (name, value) in GrpcWire.Fields(options.ResponseHeaders))
        {
            headers[name] = value;
        }

        return headers;
    }

    private static IEnumerable<KeyValuePair<string, string>> Status(StatusCode code, string detail)
    {
        yield return new("grpc-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (detail.Length > 0)
        {
            yield return new("grpc-message", GrpcWire.PercentEncode(detail));
        }
    }
}
