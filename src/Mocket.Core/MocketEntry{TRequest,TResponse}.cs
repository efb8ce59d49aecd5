using System.Globalization;
using MocketNet.Protocols;

namespace MocketNet;

/// <summary>
/// The base of a protocol pack's entries: it matches the pack's typed requests and answers with the pack's
/// typed responses, in order, the last one repeating. Override <see cref="CanHandle(TRequest)"/>,
/// <see cref="ExplainMismatch(TRequest)"/> and <see cref="object.ToString"/>; override
/// <see cref="Answer(TRequest)"/> to compute a response from the request.
/// </summary>
/// <typeparam name="TRequest">The protocol's request type.</typeparam>
/// <typeparam name="TResponse">The protocol's response type.</typeparam>
public abstract class MocketEntry<TRequest, TResponse> : MocketEntry
    where TRequest : MocketRequest
    where TResponse : MocketResponse
{
    /// <summary>Creates an entry.</summary>
    /// <param name="host">The host clients connect to.</param>
    /// <param name="port">The port clients connect to, 1..65535.</param>
    /// <param name="protocol">The protocol spoken at this entry's location.</param>
    /// <param name="responses">At least one response.</param>
    protected MocketEntry(string host, int port, MocketProtocol<TRequest, TResponse> protocol, IEnumerable<TResponse> responses)
        : base(host, port, protocol, ToArray(responses))
    {
    }

    /// <summary>The responses, in the order they are served.</summary>
    public new IReadOnlyList<TResponse> Responses => (IReadOnlyList<TResponse>)base.Responses;

    /// <summary>Whether this entry answers <paramref name="request"/>: only the protocol's requests can match.</summary>
    /// <param name="request">A request sent to this entry's location.</param>
    public sealed override bool CanHandle(MocketRequest request) => request is TRequest typed && CanHandle(typed);

    /// <summary>Whether this entry answers <paramref name="request"/>.</summary>
    /// <param name="request">A request of this entry's protocol, sent to its location.</param>
    public abstract bool CanHandle(TRequest request);

    /// <inheritdoc />
    public sealed override string? ExplainMismatch(MocketRequest request) => request is TRequest typed
        ? ExplainMismatch(typed)
        : string.Create(CultureInfo.InvariantCulture, $"the request is not {Protocol.Name} ({request?.GetType().Name})");

    /// <summary>Why this entry does not handle <paramref name="request"/>; null when it has nothing to say.</summary>
    /// <param name="request">A request this entry did not handle.</param>
    public virtual string? ExplainMismatch(TRequest request) => null;

    /// <summary>
    /// The response to a request this entry handles: the next in order by default (the last repeating).
    /// Override it to compute a response from the request (call <see cref="Next"/> to take one in order).
    /// </summary>
    /// <param name="request">The request being answered.</param>
    protected internal virtual TResponse Answer(TRequest request) => Next();

    /// <summary>Takes the next response in order (the last one repeats) and counts the entry as served.</summary>
    protected TResponse Next() => (TResponse)NextResponse();

    internal sealed override MocketResponse TakeAnswer(MocketRequest request) => Answer((TRequest)request);

    // A TResponse[] (kept as the base's MocketResponse[] by array covariance), so Responses can be typed without a copy.
    private static TResponse[] ToArray(IEnumerable<TResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        return [.. responses];
    }
}
