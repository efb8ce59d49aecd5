using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using MocketNet.Connections;
using MocketNet.Policy;
using MocketNet.Recording;
using MocketNet.Scopes;

namespace MocketNet.Protocols;

/// <summary>
/// The serving side of a <see cref="MocketScope"/>, for protocol packs and their seams (tests use the scope):
/// connections in memory and on loopback listeners, whether a seam should take a request at all, and state a
/// pack keeps per scope. Get it with <see cref="For"/> or <see cref="TryGetCurrent"/>.
/// </summary>
#pragma warning disable CA1001 // The closing token outlives Close on purpose: seams may still register on it, which a disposed source would refuse.
public sealed class MocketServer
#pragma warning restore CA1001
{
    private static readonly CancellationTokenSource s_closed = CancelledSource();
    private static ImmutableArray<Func<IPEndPoint, string?>> s_guardAdvice = [];
    private static ImmutableArray<Func<string, string?>> s_guardLookupAdvice = [];

    private CancellationTokenSource? _closing; // made on first use (a connection or a seam's state); most scopes never ask
    private ConcurrentDictionary<Type, object>? _state; // made on first use: most scopes keep no pack state

    internal MocketServer(MocketScope scope, MocketOptions options)
    {
        Scope = scope;
        // One lock for the scope's parts: they are rarely contended, and a scope is opened per test.
        var sync = new Lock();
        Registry = new EntryRegistry(sync);
        Log = new RequestLog(sync);
        Violations = new ViolationLog(options, Registry, sync);
        var allowList = AllowList.Parse(options);
        Recording = ScopeRecorder.Open(options);
        Policy = MocketPolicy.For(options.Strict, allowList, Recording?.Mode);
        Connections = new ScopeConnections(this, sync);
    }

    /// <summary>The scope served.</summary>
    public MocketScope Scope { get; }

    /// <summary>Cancelled when the scope closes (for state a seam keeps per scope).</summary>
    public CancellationToken Closing
    {
        get
        {
            if (Volatile.Read(ref _closing) is { } made)
            {
                return made.Token;
            }

            var fresh = new CancellationTokenSource();
            var existing = Interlocked.CompareExchange(ref _closing, fresh, null);
            if (existing is null)
            {
                return fresh.Token;
            }

            fresh.Dispose();
            return existing.Token;
        }
    }

    /// <summary>Whether the scope has closed.</summary>
    public bool IsClosed => Scope.IsClosed;

    internal EntryRegistry Registry { get; }

    internal RequestLog Log { get; }

    internal ViolationLog Violations { get; }

    internal MocketPolicy Policy { get; }

    internal ScopeRecorder? Recording { get; }

    internal ScopeConnections Connections { get; }

    /// <summary>The serving side of <paramref name="scope"/>.</summary>
    /// <param name="scope">An open or closed scope.</param>
    public static MocketServer For(MocketScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Server;
    }

    /// <summary>
    /// The serving side of the current scope (see <see cref="Mocket.TryGetCurrentScope"/>); false when no scope is
    /// open or it has closed. Throws <see cref="AmbiguousMocketScopeException"/> rather than guess.
    /// </summary>
    /// <param name="server">The current scope's server, or null.</param>
    public static bool TryGetCurrent([NotNullWhen(true)] out MocketServer? server)
    {
        server = Mocket.TryGetCurrentScope(out var scope) && !scope.IsClosed ? scope.Server : null;
        return server is not null;
    }

    /// <summary>
    /// Opens an in-memory connection to <paramref name="location"/> that speaks <paramref name="protocol"/>: a pack's
    /// seam hands the stream to its client. Each request on it is decided by the scope's policy.
    /// </summary>
    /// <param name="location">The location the client asked for.</param>
    /// <param name="protocol">The protocol spoken.</param>
    /// <param name="options">How replies reach the client (see <see cref="MocketConnectOptions"/>).</param>
    /// <exception cref="ObjectDisposedException">The scope is closed.</exception>
    public Stream Connect(MocketLocation location, MocketProtocol protocol, MocketConnectOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        Scope.ThrowIfClosed();
        return Connections.Connect(location, protocol, options);
    }

    /// <summary>
    /// Starts a real listener on 127.0.0.1 (ephemeral port, NoDelay) whose connections are served as an in-memory
    /// connection to <paramref name="location"/> would be. It closes with the scope.
    /// </summary>
    /// <param name="location">The location the listener stands for.</param>
    /// <param name="protocol">The protocol spoken, or null to choose it from the entries per connection.</param>
    /// <exception cref="ObjectDisposedException">The scope is closed.</exception>
    public IPEndPoint Listen(MocketLocation location, MocketProtocol? protocol)
    {
        Scope.ThrowIfClosed();
        return Connections.Listen(location, protocol);
    }

    /// <summary>Whether <paramref name="endPoint"/> is one of the scope's loopback listeners (a client pointed at one is served already).</summary>
    /// <param name="endPoint">A loopback endpoint.</param>
    public bool IsListeningOn(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return Connections.IsListeningOn(endPoint);
    }

    /// <summary>
    /// For a seam that may leave a request alone (so that it goes to the network as if Mocket were not there):
    /// whether the scope takes requests to <paramref name="location"/>. The scope's policy decides: it takes them
    /// when it has entries there, records, or is strict and the location is not allowed; never when the location
    /// is one of its own listeners.
    /// </summary>
    /// <param name="location">Where the request is going.</param>
    public bool Intercepts(MocketLocation location)
    {
        var ownListener = IPAddress.TryParse(location.Host, out var address) && IPAddress.IsLoopback(address)
            && Connections.IsListeningOn(new IPEndPoint(address, location.Port));
        var route = (IsClosed ? MocketPolicy.NoScope : Policy).Route(
            new ConnectionFacts(location, ConnectionKind.Routable, Registry.HasEntriesAt(location), IsOwnListener: ownListener));
        return route == ConnectionRoute.Serve;
    }

    /// <summary>
    /// State a pack keeps for this scope (one instance per type, made on first use); it goes with the scope, and
    /// is disposed when the scope closes if it is <see cref="IDisposable"/>.
    /// </summary>
    /// <typeparam name="T">The state's type.</typeparam>
    /// <param name="create">Makes the state the first time.</param>
    public T GetState<T>(Func<MocketServer, T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        var state = Volatile.Read(ref _state) ?? Interlocked.CompareExchange(ref _state, new(), null) ?? _state;
        return (T)state.GetOrAdd(typeof(T), static (_, args) => args.create(args.server), (create, server: this));
    }

    /// <summary>
    /// The error a connection (or a call in flight on it) to <paramref name="location"/> ends with when the scope closes:
    /// it says the Mocket scope closed, naming the test when a test adapter opened the scope.
    /// </summary>
    /// <param name="location">The location the connection was to.</param>
    /// <param name="inner">What the client saw, when a seam wraps it.</param>
    public IOException ClosedError(MocketLocation location, Exception? inner = null) => new(
        Scope.Options.TestName is { } test
            ? $"The Mocket scope of test {test} was closed while this connection to {location} was open: the call in flight ends here."
            : $"The Mocket scope serving this connection to {location} was closed while the connection was open: the call in flight ends here.",
        inner);

    /// <summary>
    /// The <see cref="IOException"/> a client's connection fails with for <paramref name="error"/>: the error itself when it is
    /// one; else an IOException naming it in one line, with the error inside (so a long report, such as a strict
    /// refusal's, appears once in the chain).
    /// </summary>
    /// <param name="error">Why the connection fails: an entry's exception, a refusal, Mocket's own error.</param>
    public static IOException ConnectionFailure(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is IOException io)
        {
            return io;
        }

        var firstLine = error.Message.AsSpan();
        var end = firstLine.IndexOfAny('\r', '\n');
        return new IOException($"The Mocket connection failed with {error.GetType().Name}: {(end < 0 ? firstLine : firstLine[..end])}", error);
    }

    /// <summary>The state of type <typeparamref name="T"/> a pack keeps for this scope, if it has made one (see <see cref="GetState{T}"/>).</summary>
    /// <typeparam name="T">The state's type.</typeparam>
    /// <param name="state">The state, or null.</param>
    public bool TryGetState<T>([NotNullWhen(true)] out T? state)
        where T : class
    {
        state = Volatile.Read(ref _state)?.TryGetValue(typeof(T), out var found) == true ? (T)found : null;
        return state is not null;
    }

    /// <summary>
    /// Lets a pack say how to route a client the network guard saw connecting for real, in its own terms (Mocket.Redis:
    /// a client on Redis' port is told to use <c>MockRedis.ConfigurationOptions()</c>). The first advice that returns
    /// text for an endpoint ends the violation's message. Register it from the pack's initializer (see <see cref="MocketPackAttribute"/>).
    /// </summary>
    /// <param name="advice">Returns the advice for an endpoint, or null when it has none.</param>
    public static void AddGuardAdvice(Func<IPEndPoint, string?> advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        ImmutableInterlocked.Update(ref s_guardAdvice, static (list, item) => list.Add(item), advice);
    }

    /// <summary>
    /// Adds a pack's advice for a real DNS lookup the network guard saw: the first non-null text for a host ends the violation's
    /// message. It runs on the thread that made the lookup, so it may look at the call stack to tell which client it was.
    /// </summary>
    /// <param name="advice">Returns the advice for a host name, or null when it has none.</param>
    public static void AddGuardLookupAdvice(Func<string, string?> advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        ImmutableInterlocked.Update(ref s_guardLookupAdvice, static (list, item) => list.Add(item), advice);
    }

    /// <summary>The packs' advice for a DNS lookup the guard saw, or null.</summary>
    internal static string? GuardLookupAdvice(string host)
    {
        foreach (var advice in s_guardLookupAdvice)
        {
            if (advice(host) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>The packs' advice for a connection the guard saw, or null.</summary>
    internal static string? GuardAdvice(IPEndPoint endPoint)
    {
        foreach (var advice in s_guardAdvice)
        {
            if (advice(endPoint) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>A real connection the network guard saw on the scope's flow: a violation unless the policy allows it.</summary>
    internal void OnGuardConnection(IPEndPoint endPoint)
    {
        if (Policy.IsViolation(endPoint))
        {
            Violations.GuardConnection(endPoint);
        }
    }

    /// <summary>A DNS lookup the network guard saw on the scope's flow: a violation unless the policy allows it.</summary>
    internal void OnGuardDnsLookup(string host)
    {
        if (Policy.IsViolation(host))
        {
            Violations.GuardDnsLookup(host);
        }
    }

    /// <summary>Ends everything the scope serves; called once by <see cref="MocketScope.Close"/>.</summary>
    internal void Close()
    {
        // Connections fail first; then the token handed out is cancelled, or every later one made cancelled already.
        Connections.CloseAll(() => (Interlocked.CompareExchange(ref _closing, s_closed, null) ?? s_closed).Cancel());
        foreach (var state in Volatile.Read(ref _state)?.Values ?? [])
        {
            (state as IDisposable)?.Dispose();
        }

        // Complete on disk before the scope's Close returns (or throws for violations).
        Recording?.Save();
    }

    private static CancellationTokenSource CancelledSource()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }
}
