using System.Globalization;
using MocketNet.Protocols;

namespace MocketNet;

/// <summary>
/// What a location answers. The raw entry handles every request at its location and answers with its
/// responses in order, the last one repeating: a <see cref="string"/> (sent as UTF-8), a
/// <see cref="byte"/> array (sent verbatim) or an <see cref="Exception"/> (the client's connection fails
/// with it). Protocol packs derive typed entries (HTTP, Redis) that match their typed requests.
/// </summary>
public class MocketEntry
{
    private readonly object[] _responses;
    private int _next;
    private int _servedCount;

    /// <summary>Creates a raw entry.</summary>
    /// <param name="host">The host clients connect to.</param>
    /// <param name="port">The port clients connect to, 1..65535.</param>
    /// <param name="responses">At least one response: string, byte[] or Exception.</param>
    /// <exception cref="ArgumentException">The host is empty, there are no responses, or one has an unsupported type.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 1..65535.</exception>
    public MocketEntry(string host, int port, params object[] responses)
        : this(host, port, RawProtocol.Instance, ValidateRawResponses(responses))
    {
    }

    /// <summary>Creates an entry for a protocol pack, which validates its own responses.</summary>
    /// <param name="host">The host clients connect to.</param>
    /// <param name="port">The port clients connect to, 1..65535.</param>
    /// <param name="protocol">The protocol spoken at this entry's location.</param>
    /// <param name="responses">At least one response, of a type the protocol's session can write.</param>
    protected MocketEntry(string host, int port, MocketProtocol protocol, IReadOnlyList<object> responses)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(responses);
        var location = new MocketLocation(host, port);
        if (responses.Count == 0)
        {
            throw new ArgumentException(
                $"An entry for {location} needs at least one response; pass the bytes or text it should answer with.",
                nameof(responses));
        }

        Host = location.Host;
        Port = location.Port;
        Protocol = protocol;
        _responses = [.. responses];
    }

    /// <summary>The host this entry serves, lower-cased.</summary>
    public string Host { get; }

    /// <summary>The port this entry serves.</summary>
    public int Port { get; }

    /// <summary><see cref="Host"/> and <see cref="Port"/> together.</summary>
    public MocketLocation Location => new(Host, Port);

    /// <summary>The protocol spoken at this entry's location (raw for this class).</summary>
    public MocketProtocol Protocol { get; }

    /// <summary>The responses, in the order they are served.</summary>
    public IReadOnlyList<object> Responses => _responses;

    /// <summary>Whether this entry has answered at least one request.</summary>
    public bool Served => Volatile.Read(ref _servedCount) > 0;

    /// <summary>How many requests this entry has answered.</summary>
    public int ServedCount => Volatile.Read(ref _servedCount);

    /// <summary>Whether this entry answers the request. A raw entry answers every request at its location.</summary>
    /// <param name="request">A request sent to this entry's location.</param>
    public virtual bool CanHandle(MocketRequest request) => true;

    /// <summary>
    /// Why this entry does not handle <paramref name="request"/>, for mismatch reports; <c>null</c> when it
    /// has nothing to say. Packs override it to name the part that differed (method, path, a matcher).
    /// </summary>
    /// <param name="request">A request this entry did not handle.</param>
    public virtual string? ExplainMismatch(MocketRequest request) => null;

    /// <summary>The entry as reports show it: its location and what it matches.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"MocketEntry(location={Location.ToTupleString()}, responses={_responses.Length})");

    /// <summary>
    /// Takes the response for a request this entry handles: the next in order, the last one repeating.
    /// Packs may override it to compute a response from the request.
    /// </summary>
    /// <param name="request">The request being answered.</param>
    protected internal virtual object NextResponse(MocketRequest request)
    {
        var index = Interlocked.Increment(ref _next) - 1;
        Interlocked.Increment(ref _servedCount);
        return _responses[Math.Min(index, _responses.Length - 1)];
    }

    private static object[] ValidateRawResponses(object[] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i] is not (string or byte[] or Exception))
            {
                var type = responses[i]?.GetType().FullName ?? "null";
                throw new ArgumentException(
                    $"Response #{(i + 1).ToString(CultureInfo.InvariantCulture)} of a raw MocketEntry is {type}; a raw entry answers " +
                    "with a string (sent as UTF-8), a byte[] (sent verbatim) or an Exception (the connection fails). " +
                    "For HTTP or Redis responses use MockHttp or MockRedis.",
                    nameof(responses));
            }
        }

        return responses;
    }
}
