using System.Net;
using System.Runtime.CompilerServices;
using MocketNet.Policy;
using MocketNet.Protocols;
using MocketNet.Scopes;

namespace MocketNet;

/// <summary>
/// One isolated Mocket session: its entries, the requests it received, the real network use it saw, and
/// the connections and listeners it serves. Open one with <see cref="Mocket.Enable"/>; it is current for
/// the flow that opened it (and what that flow awaits or starts), and closing it restores the world.
/// </summary>
/// <remarks>
/// Opening a scope on a flow that already has one nests it: the new scope is current (it does not see
/// the outer scope's entries) until it closes, and then the outer one is current again. Protocol packs
/// reach the serving side of a scope through <see cref="MocketServer.For"/>.
/// </remarks>
public sealed class MocketScope : IDisposable, IAsyncDisposable
{
    private int _closed;

    internal MocketScope(MocketOptions options, MocketScope? parent)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        Parent = parent;
        Server = new MocketServer(this, Options);
    }

    /// <summary>The options this scope was opened with (a copy).</summary>
    public MocketOptions Options { get; }

    /// <summary>Whether the scope has closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The registered entries, in registration order.</summary>
    public IReadOnlyList<MocketEntry> Entries => Server.Registry.All;

    /// <summary>Every request received, oldest first (built-in protocol traffic such as handshakes excluded).</summary>
    public IReadOnlyList<MocketRequest> Requests => Server.Log.Requests;

    /// <summary>The most recent request, or null.</summary>
    public MocketRequest? LastRequest => Server.Log.Last;

    /// <summary>Whether any request was received.</summary>
    public bool HasRequests => Server.Log.Count > 0;

    /// <summary>Every real network use this scope saw: refused requests and what the network guard observed.</summary>
    public IReadOnlyList<MocketViolation> Violations => Server.Violations.All;

    /// <summary>Problems met while serving: malformed requests, failed pass-through, matchers that threw.</summary>
    public IReadOnlyList<Exception> Errors => Server.Log.Errors;

    /// <summary>
    /// The recording file this scope replays from and records to (full path), or null when
    /// <see cref="MocketOptions.RecordingDirectory"/> is not set.
    /// </summary>
    public string? RecordingFile => Server.Recording?.FilePath;

    /// <summary>
    /// The record mode in force: <c>MOCKET_RECORD_MODE</c> if set, else <see cref="MocketOptions.RecordMode"/>;
    /// null when the scope does not record.
    /// </summary>
    public MocketRecordMode? RecordMode => Server.Recording?.Mode;

    internal MocketScope? Parent { get; }

    internal MocketServer Server { get; }

    /// <summary>Registers entries; for each request, the first entry at its location that can handle it answers.</summary>
    /// <param name="entries">The entries, tried in registration order.</param>
    public void Register(params MocketEntry[] entries)
    {
        ThrowIfClosed();
        Server.Registry.Add(entries);
    }

    /// <summary>Forgets every entry and every request (violations and errors are kept).</summary>
    public void Reset()
    {
        ThrowIfClosed();
        Server.Registry.Clear();
        Server.Log.Clear();
    }

    /// <summary>Forgets the most recent request, if any.</summary>
    public void RemoveLastRequest() => Server.Log.RemoveLast();

    /// <summary>Throws <see cref="MocketAssertionException"/> unless the last request satisfies <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="expression">The predicate's source text (filled in by the compiler).</param>
    public void AssertLastRequest(Func<MocketRequest, bool> predicate, [CallerArgumentExpression(nameof(predicate))] string? expression = null) =>
        Assertions.LastRequest(Server.Log, predicate, expression);

    /// <summary>
    /// Throws <see cref="MocketAssertionException"/> unless the last <typeparamref name="TRequest"/> satisfies <paramref name="predicate"/>
    /// (requests of other kinds made after it do not count: <c>AssertLastRequest&lt;HttpMockRequest&gt;</c> reads the last HTTP request).
    /// </summary>
    /// <typeparam name="TRequest">The request type (such as an HTTP or Redis request).</typeparam>
    /// <param name="predicate">The condition.</param>
    /// <param name="expression">The predicate's source text (filled in by the compiler).</param>
    public void AssertLastRequest<TRequest>(Func<TRequest, bool> predicate, [CallerArgumentExpression(nameof(predicate))] string? expression = null)
        where TRequest : MocketRequest =>
        Assertions.LastRequest(Server.Log, predicate, expression);

    /// <summary>
    /// Throws <see cref="MocketAssertionException"/> unless requests of type <typeparamref name="TRequest"/> satisfy
    /// <paramref name="predicate"/>: at least one, or exactly <paramref name="times"/> when given, whatever came last.
    /// The failure lists the requests of that type and marks which matched.
    /// </summary>
    /// <typeparam name="TRequest">The request type (such as an HTTP or Redis request; <see cref="MocketRequest"/> for any).</typeparam>
    /// <param name="predicate">The condition.</param>
    /// <param name="times">How many must match exactly (0 asserts none did); null for at least one.</param>
    /// <param name="expression">The predicate's source text (filled in by the compiler).</param>
    public void AssertRequested<TRequest>(Func<TRequest, bool> predicate, int? times = null, [CallerArgumentExpression(nameof(predicate))] string? expression = null)
        where TRequest : MocketRequest =>
        Assertions.Requested(Server.Log, predicate, times, expression);

    /// <summary>Throws <see cref="MocketAssertionException"/> naming every entry that never answered a request.</summary>
    public void AssertAllEntriesServed()
    {
        if (Assertions.Unserved(Entries) is { } failure)
        {
            throw new MocketAssertionException(failure);
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
        var facts = new ConnectionFacts(
            location, ConnectionKind.Stream, Server.Registry.HasEntriesAt(location), Server.Recording?.HasExchangesAt(location) == true);
        if (Server.Policy.Route(facts) == ConnectionRoute.Refuse)
        {
            throw Server.Violations.UnregisteredLocation(location);
        }

        return Server.Connections.Connect(location, protocol: null, options: null);
    }

    /// <summary>
    /// Starts a real listener on 127.0.0.1 (ephemeral port, NoDelay) whose connections are served as
    /// <see cref="Connect(string, int)"/> to the location would be, for clients that cannot be handed a
    /// stream. It closes with the scope.
    /// </summary>
    /// <param name="host">The host the served location stands for.</param>
    /// <param name="port">The port the served location stands for.</param>
    public IPEndPoint Listen(string host, int port) => Server.Listen(new MocketLocation(host, port), protocol: null);

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
        Server.Close();
        var violations = Violations;
        if (throwOnViolations && FailsOnClose(violations))
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

    /// <summary>Whether closing with these violations fails the scope (or its test), as the policy says.</summary>
    internal bool FailsOnClose(IReadOnlyList<MocketViolation> violations) => Server.Policy.FailsOnClose(violations.Count);

    internal void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw ClosedError();
        }
    }

    internal static ObjectDisposedException ClosedError() => new(
        nameof(MocketScope),
        "This MocketScope is closed, so it cannot register entries or serve connections any more. Open a new one with Mocket.Enable().");
}
