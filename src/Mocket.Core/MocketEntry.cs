using System.Globalization;
using MocketNet.Protocols;

namespace MocketNet;

/// <summary>
/// What a location answers: the raw entry, and the base of every protocol's entry. A raw entry handles
/// every request at its location and answers with its responses in order, the last one repeating: text
/// (sent as UTF-8), bytes (sent verbatim) or an <see cref="System.Exception"/> (the client's connection
/// fails with it). Protocol packs derive typed entries from <see cref="MocketEntry{TRequest, TResponse}"/>.
/// </summary>
public class MocketEntry
{
    private readonly MocketResponse[] _responses;
    private int _next;
    private int _servedCount;

    /// <summary>Creates a raw entry: <c>new MocketEntry("smtp.test", 25, "220 ready\r\n", "250 OK\r\n")</c>.</summary>
    /// <param name="host">The host clients connect to.</param>
    /// <param name="port">The port clients connect to, 1..65535.</param>
    /// <param name="responses">At least one response: text, bytes or an exception (converted implicitly).</param>
    /// <exception cref="ArgumentException">The host is empty, there are no responses, or one belongs to a protocol pack.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 1..65535.</exception>
    public MocketEntry(string host, int port, params MocketResponse[] responses)
        : this(host, port, RawProtocol.Instance, ValidateRaw(responses))
    {
    }

    /// <summary>For <see cref="MocketEntry{TRequest, TResponse}"/>: an entry of a pack's protocol.</summary>
    private protected MocketEntry(string host, int port, MocketProtocol protocol, MocketResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(responses);
        var location = new MocketLocation(host, port);
        if (responses.Length == 0)
        {
            throw new ArgumentException(
                $"An entry for {location} needs at least one response; pass what it should answer with.", nameof(responses));
        }

        if (Array.IndexOf(responses, null) >= 0)
        {
            throw new ArgumentException($"An entry for {location} was given a null response; pass response objects.", nameof(responses));
        }

        Host = location.Host;
        Port = location.Port;
        Location = location;
        Protocol = protocol;
        _responses = responses;
    }

    /// <summary>The host this entry serves, lower-cased.</summary>
    public string Host { get; }

    /// <summary>The port this entry serves.</summary>
    public int Port { get; }

    /// <summary><see cref="Host"/> and <see cref="Port"/> together.</summary>
    public MocketLocation Location { get; }

    /// <summary>The protocol spoken at this entry's location (raw for this class).</summary>
    public MocketProtocol Protocol { get; }

    /// <summary>
    /// What the server says first, for protocols whose server speaks first (SMTP's <c>220</c>, FTP, POP3, IMAP): written as
    /// soon as a connection to the location opens, before the client writes (text is sent as UTF-8, bytes verbatim).
    /// With several entries at one location, the first registered entry with a greeting gives it.
    /// </summary>
    /// <exception cref="ArgumentException">The greeting is a fault; a greeting is text or bytes.</exception>
    public RawResponse? Greeting
    {
        get;
        init => field = value?.Exception is null
            ? value
            : throw new ArgumentException("A greeting is text or bytes the server sends first; fail a connection with a response instead.", nameof(value));
    }

    /// <summary>The responses, in the order they are served (typed entries also offer them with their own type).</summary>
    public IReadOnlyList<MocketResponse> Responses => _responses;

    /// <summary>Whether this entry has answered at least one request.</summary>
    public bool Served => Volatile.Read(ref _servedCount) > 0;

    /// <summary>How many requests this entry has answered.</summary>
    public int ServedCount => Volatile.Read(ref _servedCount);

    /// <summary>Whether this entry answers the request. A raw entry answers every request at its location.</summary>
    /// <param name="request">A request sent to this entry's location.</param>
    public virtual bool CanHandle(MocketRequest request) => true;

    /// <summary>
    /// Why this entry does not handle <paramref name="request"/>, for mismatch reports; <c>null</c> when it
    /// has nothing to say. Typed entries name the part that differed (method, path, a matcher).
    /// </summary>
    /// <param name="request">A request this entry did not handle.</param>
    public virtual string? ExplainMismatch(MocketRequest request) => null;

    /// <summary>The entry as reports show it: its location and what it matches.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"MocketEntry(location={Location.ToTupleString()}, responses={_responses.Length})");

    /// <summary>
    /// The response to a request this entry handles; the connection's session writes it. Typed entries
    /// compute it (<see cref="MocketEntry{TRequest, TResponse}.Answer(TRequest)"/>); a raw entry takes the next in order.
    /// </summary>
    /// <param name="request">The request being answered.</param>
    internal virtual MocketResponse TakeAnswer(MocketRequest request) => NextResponse();

    /// <summary>Takes the next response in order (the last one repeats) and counts the entry as served.</summary>
    private protected MocketResponse NextResponse()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        Interlocked.Increment(ref _servedCount);
        return _responses[Math.Min(index, _responses.Length - 1)];
    }

    private static MocketResponse[] ValidateRaw(MocketResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i] is not (RawResponse or null))
            {
                throw new ArgumentException(
                    $"Response #{(i + 1).ToString(CultureInfo.InvariantCulture)} of a raw MocketEntry is a {responses[i].GetType().Name}; a raw entry " +
                    "answers with text (sent as UTF-8), a byte[] (sent verbatim) or an Exception (the connection fails). " +
                    "For HTTP or Redis responses use MockHttp or MockRedis.",
                    nameof(responses));
            }
        }

        return [.. responses];
    }
}
