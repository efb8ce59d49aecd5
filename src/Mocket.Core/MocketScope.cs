using System.Globalization;
using System.Net;
using MocketNet.Connections;
using MocketNet.Protocols;
using MocketNet.Recording;
using MocketNet.Scopes;

namespace MocketNet;

/// <summary>
/// One isolated Mocket session: its entries, the requests it received, the real network use it saw, and
/// the connections and listeners it serves. Open one with <see cref="Mocket.Enable"/>; it is current for
/// the flow that opened it (and what that flow awaits or starts), and closing it restores the world.
/// </summary>
/// <remarks>
/// Opening a scope on a flow that already has one nests it: the new scope is current (it does not see
/// the outer scope's entries) until it closes, and then the outer one is current again.
/// </remarks>
public sealed class MocketScope : IDisposable, IAsyncDisposable
{
    private static readonly MocketConnectOptions s_defaultConnectOptions = new();
    private readonly Lock _sync = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly AllowList _allowList;
    private readonly List<MocketRequest> _requests = [];
    private readonly List<MocketViolation> _violations = [];
    private readonly List<Exception> _errors = [];
    private readonly HashSet<ConnectionPump> _pumps = [];
    private readonly List<LoopbackListener> _listeners = [];
    private MocketEntry[] _entries = [];
    private int _closed;

    internal MocketScope(MocketOptions options, MocketScope? parent)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        _allowList = AllowList.Parse(Options);
        Recording = ScopeRecorder.Open(Options);
        Parent = parent;
        Closing = _closing.Token;
    }

    /// <summary>The options this scope was opened with (a copy).</summary>
    public MocketOptions Options { get; }

    /// <summary>Cancelled when the scope closes (for seams that keep per-scope state).</summary>
    public CancellationToken Closing { get; }

    /// <summary>Whether the scope has closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The registered entries, in registration order.</summary>
    public IReadOnlyList<MocketEntry> Entries => Volatile.Read(ref _entries);

    /// <summary>Every request received, oldest first (built-in protocol traffic such as handshakes excluded).</summary>
    public IReadOnlyList<MocketRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The most recent request, or null.</summary>
    public MocketRequest? LastRequest
    {
        get
        {
            lock (_sync)
            {
                return _requests.Count == 0 ? null : _requests[^1];
            }
        }
    }

    /// <summary>Whether any request was received.</summary>
    public bool HasRequests
    {
        get
        {
            lock (_sync)
            {
                return _requests.Count > 0;
            }
        }
    }

    /// <summary>Every real network use this scope saw: refused requests and what the network guard observed.</summary>
    public IReadOnlyList<MocketViolation> Violations
    {
        get
        {
            lock (_sync)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Problems met while serving: malformed requests, failed pass-through, matchers that threw.</summary>
    public IReadOnlyList<Exception> Errors
    {
        get
        {
            lock (_sync)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>
    /// The recording file this scope replays from and records to (full path), or null when
    /// <see cref="MocketOptions.RecordingDirectory"/> is not set.
    /// </summary>
    public string? RecordingFile => Recording?.FilePath;

    /// <summary>
    /// The record mode in force: <c>MOCKET_RECORD_MODE</c> if set, else <see cref="MocketOptions.RecordMode"/>;
    /// null when the scope does not record.
    /// </summary>
    public MocketRecordMode? RecordMode => Recording?.Mode;

    internal MocketScope? Parent { get; }

    internal ScopeRecorder? Recording { get; }

    /// <summary>Registers entries; for each request, the first entry at its location that can handle it answers.</summary>
    /// <param name="entries">The entries, tried in registration order.</param>
    public void Register(params MocketEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (Array.IndexOf(entries, null) >= 0)
        {
            throw new ArgumentException("Mocket.Register was given a null entry.", nameof(entries));
        }

        lock (_sync)
        {
            ThrowIfClosed();
            _entries = [.. _entries, .. entries];
        }
    }

    /// <summary>Forgets every entry and every request (violations and errors are kept).</summary>
    public void Reset()
    {
        lock (_sync)
        {
            ThrowIfClosed();
            _entries = [];
            _requests.Clear();
        }
    }

    /// <summary>Forgets the most recent request, if any.</summary>
    public void RemoveLastRequest()
    {
        lock (_sync)
        {
            if (_requests.Count > 0)
            {
                _requests.RemoveAt(_requests.Count - 1);
            }
        }
    }

    /// <summary>Throws <see cref="MocketAssertionException"/> unless the last request satisfies <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="expression">The predicate's source text (filled in by the compiler).</param>
    public void AssertLastRequest(Func<MocketRequest, bool> predicate, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(predicate))] string? expression = null) =>
        AssertLastRequest<MocketRequest>(predicate, expression);

    /// <summary>Throws <see cref="MocketAssertionException"/> unless the last request is a <typeparamref name="TRequest"/> satisfying <paramref name="predicate"/>.</summary>
    /// <typeparam name="TRequest">The request type expected (such as an HTTP or Redis request).</typeparam>
    /// <param name="predicate">The condition.</param>
    /// <param name="expression">The predicate's source text (filled in by the compiler).</param>
    public void AssertLastRequest<TRequest>(Func<TRequest, bool> predicate, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(predicate))] string? expression = null)
        where TRequest : MocketRequest
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var last = LastRequest;
        var condition = expression ?? "the predicate";
        if (last is null)
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: expected the last request to satisfy `{condition}`, but no request was made. " +
                "Check that the code under test sent it, and that its client reaches Mocket.");
        }

        if (last is not TRequest typed)
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: expected the last request to be a {typeof(TRequest).Name} satisfying `{condition}`, " +
                $"but it is a {last.GetType().Name}: {last}");
        }

        if (!predicate(typed))
        {
            throw new MocketAssertionException(
                $"Mocket.AssertLastRequest failed: the last request does not satisfy `{condition}`.{Environment.NewLine}" +
                $"Last request: {last}{Environment.NewLine}" +
                $"({Requests.Count.ToString(CultureInfo.InvariantCulture)} request(s) in all.)");
        }
    }

    /// <summary>Throws <see cref="MocketAssertionException"/> naming every entry that never answered a request.</summary>
    public void AssertAllEntriesServed()
    {
        var entries = Entries;
        var unserved = entries.Where(e => !e.Served).ToList();
        if (unserved.Count > 0)
        {
            throw new MocketAssertionException(Reports.Unserved(unserved, entries.Count));
        }
    }

    /// <summary>
    /// Opens an in-memory connection ("socket") to a location. Its protocol is that of the first entry
    /// registered there, else raw (one write is one request). In a strict scope, a location with no
    /// entries and no recorded exchanges that is not allowed is refused.
    /// </summary>
    /// <param name="host">The host the client asks for.</param>
    /// <param name="port">The port, 1..65535.</param>
    /// <exception cref="StrictMocketException">Strict scope, no entry at the location, not allowed.</exception>
    public Stream Connect(string host, int port)
    {
        var location = new MocketLocation(host, port);
        ThrowIfClosed();
        if (Options.Strict && !_allowList.Allows(location) && !Entries.Any(e => e.Location == location) && Recording?.HasExchangesAt(location) != true)
        {
            var violation = Record(
                MocketViolationKind.UnregisteredLocation, location.ToString(), sentData: null, request: null,
                $"Register an entry for {location} before connecting to it, or allow it with MocketOptions.AllowedHosts.");
            throw violation;
        }

        return Connect(location, protocol: null, s_defaultConnectOptions);
    }

    /// <summary>Opens an in-memory connection to a location that speaks <paramref name="protocol"/> (for protocol packs' seams).</summary>
    /// <param name="host">The host the client asks for.</param>
    /// <param name="port">The port, 1..65535.</param>
    /// <param name="protocol">The protocol spoken on the connection.</param>
    public Stream Connect(string host, int port, MocketProtocol protocol) => Connect(host, port, protocol, s_defaultConnectOptions);

    /// <summary>Like <see cref="Connect(string, int, MocketProtocol)"/>, with how replies reach the client.</summary>
    /// <param name="host">The host the client asks for.</param>
    /// <param name="port">The port, 1..65535.</param>
    /// <param name="protocol">The protocol spoken on the connection.</param>
    /// <param name="options">How replies reach the client (see <see cref="MocketConnectOptions"/>).</param>
    public Stream Connect(string host, int port, MocketProtocol protocol, MocketConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(options);
        return Connect(new MocketLocation(host, port), protocol, options);
    }

    /// <summary>
    /// Starts a real listener on 127.0.0.1 (ephemeral port, NoDelay) whose connections are served as
    /// <see cref="Connect(string, int)"/> to the location would be, for clients that cannot be handed a
    /// stream. It closes with the scope.
    /// </summary>
    /// <param name="host">The host the served location stands for.</param>
    /// <param name="port">The port the served location stands for.</param>
    public IPEndPoint Listen(string host, int port) => Listen(host, port, protocol: null);

    /// <summary>Like <see cref="Listen(string, int)"/>, with the protocol given (for protocol packs).</summary>
    /// <param name="host">The host the served location stands for.</param>
    /// <param name="port">The port the served location stands for.</param>
    /// <param name="protocol">The protocol spoken, or null to choose it from the entries per connection.</param>
    public IPEndPoint Listen(string host, int port, MocketProtocol? protocol)
    {
        var location = new MocketLocation(host, port);
        ThrowIfClosed();
        var listener = LoopbackListener.Start(this, location, protocol);
        lock (_sync)
        {
            if (!IsClosed)
            {
                _listeners.Add(listener);
                return listener.EndPoint;
            }
        }

        listener.StopListening();
        throw Closed();
    }

    /// <summary>
    /// Whether <paramref name="endPoint"/> is one of this scope's loopback listeners (<see cref="Listen(string, int)"/>):
    /// a seam must not route a client that is already pointed at one.
    /// </summary>
    /// <param name="endPoint">A loopback endpoint.</param>
    public bool IsListeningOn(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        lock (_sync)
        {
            return _listeners.Exists(l => l.EndPoint.Equals(endPoint));
        }
    }

    /// <summary>
    /// Closes the scope: stops its listeners, ends its connections, and makes the outer scope (if any)
    /// current again. A strict scope that saw real network use throws <see cref="StrictMocketException"/>
    /// listing every violation, when <paramref name="throwOnViolations"/> is true.
    /// </summary>
    /// <param name="throwOnViolations">Whether a strict scope with violations throws (test adapters pass false and report them).</param>
    /// <returns>The violations the scope saw.</returns>
    public IReadOnlyList<MocketViolation> Close(bool throwOnViolations = true)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return Violations;
        }

        MocketScopes.Closed(this);
        _closing.Cancel();
        ConnectionPump[] pumps;
        LoopbackListener[] listeners;
        lock (_sync)
        {
            pumps = [.. _pumps];
            listeners = [.. _listeners];
            _listeners.Clear();
        }

        foreach (var listener in listeners)
        {
            listener.StopListening();
        }

        foreach (var pump in pumps)
        {
            pump.Abort();
        }

        // Pumps end promptly once cancelled and aborted; they never wait on the caller's context.
        Task.WaitAll([.. pumps.Select(p => p.Completion)], TimeSpan.FromSeconds(10));

        // Complete on disk before Close returns (or throws for violations).
        Recording?.Save();

        var violations = Violations;
        if (throwOnViolations && Options.Strict && violations.Count > 0)
        {
            throw new StrictMocketException(Reports.Closed(violations), violations);
        }

        return violations;
    }

    /// <summary>Closes the scope; see <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>Closes the scope; see <see cref="Close"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    internal MocketEntry? FindEntry(MocketRequest request)
    {
        // A for loop over the array: foreach over the interface would allocate an enumerator per request.
        var entries = Volatile.Read(ref _entries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Location == request.Location && entry.CanHandle(request))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Whether a strict scope lets <paramref name="location"/> through to the real network (see <see cref="MocketOptions.AllowedHosts"/>).</summary>
    /// <param name="location">The location a request was going to.</param>
    public bool IsAllowed(MocketLocation location) => _allowList.Allows(location);

    internal void Log(MocketRequest request)
    {
        lock (_sync)
        {
            _requests.Add(request);
        }
    }

    internal void AddError(Exception error)
    {
        lock (_sync)
        {
            _errors.Add(error);
        }
    }

    internal StrictMocketException RecordUnmatchedRequest(MocketRequest request) => Record(
        MocketViolationKind.UnmatchedRequest, request.Location.ToString(), request.FirstLine, request,
        $"Register an entry that matches this request, or allow the address with MocketOptions.AllowedHosts = {{ \"{request.Host}\" }} (or \"{request.Location}\")" +
        (Recording is null
            ? "."
            : $"; no exchange recorded in {Recording.FilePath} matched it either (allowing the address lets it be recorded there)."));

    internal void RecordGuardConnection(IPEndPoint endPoint)
    {
        if (!_allowList.Allows(endPoint))
        {
            Record(MocketViolationKind.Connection, endPoint.ToString(), sentData: null, request: null,
                "A client Mocket does not intercept (such as a raw TcpClient) opened a real connection. " +
                "Serve it with Mocket.Listen(host, port) and point the client at the endpoint, or allow the address.");
        }
    }

    internal void RecordGuardDnsLookup(string host)
    {
        if (!_allowList.AllowsName(host))
        {
            Record(MocketViolationKind.DnsLookup, host, sentData: null, request: null,
                "A client Mocket does not intercept looked this host up in DNS. " +
                "Serve it with Mocket.Listen(host, port) and point the client at the endpoint, or allow the host.");
        }
    }

    /// <summary>Serves one accepted or in-memory connection until it ends.</summary>
    internal Task ServeAsync(MocketLocation location, MocketProtocol? protocol, ServerTransport transport)
    {
        var pump = ConnectionPump.Start(this, location, protocol ?? ProtocolAt(location), transport, _closing.Token);
        lock (_sync)
        {
            if (IsClosed)
            {
                pump.Abort();
                return pump.Completion;
            }

            _pumps.Add(pump);
        }

        _ = pump.Completion.ContinueWith(
            (_, state) => ((MocketScope)state!).Untrack(pump), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return pump.Completion;
    }

    private InMemoryClientStream Connect(MocketLocation location, MocketProtocol? protocol, MocketConnectOptions options)
    {
        ThrowIfClosed();
        var connection = new InMemoryConnection(location, options.ResumeClientReadsInline);
        _ = ServeAsync(location, protocol, connection);
        return connection.Client;
    }

    private MocketProtocol ProtocolAt(MocketLocation location) =>
        Entries.FirstOrDefault(e => e.Location == location)?.Protocol ?? RawProtocol.Instance;

    private void Untrack(ConnectionPump pump)
    {
        lock (_sync)
        {
            _pumps.Remove(pump);
        }
    }

    private StrictMocketException Record(MocketViolationKind kind, string address, string? sentData, MocketRequest? request, string hint)
    {
        var message = Reports.NetworkUse(Options.Strict, address, sentData, Entries, request, hint);
        var violation = new MocketViolation(kind, address, sentData, message);
        lock (_sync)
        {
            _violations.Add(violation);
        }

        return new StrictMocketException(message, [violation]);
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw Closed();
        }
    }

    private static ObjectDisposedException Closed() => new(
        nameof(MocketScope),
        "This MocketScope is closed, so it cannot register entries or serve connections any more. Open a new one with Mocket.Enable().");
}
