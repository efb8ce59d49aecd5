using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using MocketNet.Scopes;

namespace MocketNet;

/// <summary>
/// The facade over the current <see cref="MocketScope"/>: the calling flow's ambient scope, else the
/// single open scope. With several open and none ambient it throws <see cref="AmbiguousMocketScopeException"/>.
/// </summary>
public static class Mocket
{
    /// <summary>
    /// Opens a scope and makes it current for the calling flow (and the code it awaits or starts).
    /// Opening one on a flow that already has a scope nests it until it closes.
    /// </summary>
    /// <param name="options">How the scope behaves; defaults to non-strict.</param>
    /// <exception cref="ArgumentException"><see cref="MocketOptions.AllowedHosts"/> given without strict mode, or malformed.</exception>
    public static MocketScope Enable(MocketOptions? options = null) => MocketScopes.Open(options);

    /// <summary>Closes the current scope (see <see cref="MocketScope.Close"/>); does nothing when none is open.</summary>
    public static void Disable() => MocketScopes.Resolve()?.Dispose();

    /// <summary>Whether a scope is open for the calling flow (its own, or the single open one).</summary>
    public static bool IsEnabled => MocketScopes.Ambient is not null || MocketScopes.OpenCount > 0;

    /// <summary>The current scope.</summary>
    /// <exception cref="InvalidOperationException">No scope is open.</exception>
    public static MocketScope CurrentScope => MocketScopes.Current;

    /// <summary>
    /// Gets the current scope without throwing when none is open (seams use it to decide whether to
    /// intercept). Still throws <see cref="AmbiguousMocketScopeException"/> rather than guess.
    /// </summary>
    /// <param name="scope">The current scope, or null.</param>
    public static bool TryGetCurrentScope([NotNullWhen(true)] out MocketScope? scope)
    {
        scope = MocketScopes.Resolve();
        return scope is not null;
    }

    /// <inheritdoc cref="MocketScope.Requests"/>
    public static IReadOnlyList<MocketRequest> Requests => MocketScopes.Current.Requests;

    /// <inheritdoc cref="MocketScope.LastRequest"/>
    public static MocketRequest? LastRequest => MocketScopes.Current.LastRequest;

    /// <inheritdoc cref="MocketScope.HasRequests"/>
    public static bool HasRequests => MocketScopes.Current.HasRequests;

    /// <inheritdoc cref="MocketScope.Register"/>
    public static void Register(params MocketEntry[] entries) => MocketScopes.Current.Register(entries);

    /// <inheritdoc cref="MocketScope.Reset"/>
    public static void Reset() => MocketScopes.Current.Reset();

    /// <inheritdoc cref="MocketScope.RemoveLastRequest"/>
    public static void RemoveLastRequest() => MocketScopes.Current.RemoveLastRequest();

    /// <inheritdoc cref="MocketScope.AssertLastRequest(Func{MocketRequest, bool}, string?)"/>
    public static void AssertLastRequest(Func<MocketRequest, bool> predicate, [CallerArgumentExpression(nameof(predicate))] string? expression = null) =>
        MocketScopes.Current.AssertLastRequest(predicate, expression);

    /// <inheritdoc cref="MocketScope.AssertLastRequest{TRequest}(Func{TRequest, bool}, string?)"/>
    public static void AssertLastRequest<TRequest>(Func<TRequest, bool> predicate, [CallerArgumentExpression(nameof(predicate))] string? expression = null)
        where TRequest : MocketRequest =>
        MocketScopes.Current.AssertLastRequest(predicate, expression);

    /// <inheritdoc cref="MocketScope.AssertRequested{TRequest}(Func{TRequest, bool}, int?, string?)"/>
    public static void AssertRequested<TRequest>(Func<TRequest, bool> predicate, int? times = null, [CallerArgumentExpression(nameof(predicate))] string? expression = null)
        where TRequest : MocketRequest =>
        MocketScopes.Current.AssertRequested(predicate, times, expression);

    /// <inheritdoc cref="MocketScope.AssertAllEntriesServed"/>
    public static void AssertAllEntriesServed() => MocketScopes.Current.AssertAllEntriesServed();

    /// <inheritdoc cref="MocketScope.Connect(string, int)"/>
    public static Stream Connect(string host, int port) => MocketScopes.Current.Connect(host, port);

    /// <inheritdoc cref="MocketScope.Listen(string, int)"/>
    public static IPEndPoint Listen(string host, int port) => MocketScopes.Current.Listen(host, port);
}
