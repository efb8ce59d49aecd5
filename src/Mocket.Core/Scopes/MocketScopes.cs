using MocketNet.Guard;

namespace MocketNet.Scopes;

/// <summary>
/// The scope registry, Mocket's one piece of mutable static state: which scopes are open, and which
/// one is current for the calling flow (its ambient scope, else the single open scope).
/// </summary>
internal static class MocketScopes
{
    private static readonly AsyncLocal<MocketScope?> s_ambient = new();
    private static readonly Lock s_lock = new();
    private static readonly List<MocketScope> s_open = [];

    /// <summary>The innermost open scope of the calling flow, if any.</summary>
    public static MocketScope? Ambient
    {
        get
        {
            var scope = s_ambient.Value;
            while (scope is { IsClosed: true })
            {
                scope = scope.Parent;
            }

            return scope;
        }
    }

    /// <summary>The one scope open in the process, or null when none or several are.</summary>
    public static MocketScope? OnlyOpen
    {
        get
        {
            lock (s_lock)
            {
                return s_open is [{ IsClosed: false } only] ? only : null;
            }
        }
    }

    public static int OpenCount
    {
        get
        {
            lock (s_lock)
            {
                return s_open.Count;
            }
        }
    }

    /// <summary>The current scope; throws when there is none, when the flow's own scope has closed, or when it would be a guess.</summary>
    public static MocketScope Current => Resolve() switch
    {
        null => throw new InvalidOperationException(
            "Mocket is not enabled: no MocketScope is open. Call Mocket.Enable() (or put [Mocketize] on the test) " +
            "before registering entries or connecting."),
        { IsClosed: true } => throw new ObjectDisposedException(
            nameof(MocketScope),
            "The Mocket scope of this code's async flow has closed: code that outlived its test (a background task, a timer) used " +
            "Mocket after the test ended. It is not served by another test's scope. Await the work before the test ends, or " +
            "cancel it when the test's scope closes."),
        var scope => scope,
    };

    /// <summary>
    /// The current scope: the ambient one; for a flow whose own scopes have all closed, the innermost of them
    /// (closed: such a flow never borrows another test's scope); else the one exclusive scope, else the single
    /// open scope; null when none is open; throws when it would be a guess.
    /// </summary>
    public static MocketScope? Resolve()
    {
        var ambient = Ambient;
        if (ambient is not null)
        {
            return ambient;
        }

        if (s_ambient.Value is { } closed)
        {
            return closed;
        }

        lock (s_lock)
        {
            var exclusive = s_open.FindAll(s => s.Options.Exclusive);
            return exclusive.Count switch
            {
                1 => exclusive[0],
                > 1 => throw new AmbiguousMocketScopeException(s_open.Count),
                _ => s_open.Count switch
                {
                    0 => null,
                    1 => s_open[0],
                    _ => throw new AmbiguousMocketScopeException(s_open.Count),
                },
            };
        }
    }

    public static MocketScope Open(MocketOptions? options)
    {
        Packs.EnsureInstalled();
        var scope = new MocketScope(options ?? new MocketOptions(), Ambient);
        lock (s_lock)
        {
            s_open.Add(scope);
        }

        NetworkGuard.ScopeOpened();
        s_ambient.Value = scope;
        return scope;
    }

    public static void Closed(MocketScope scope)
    {
        lock (s_lock)
        {
            s_open.Remove(scope);
        }

        NetworkGuard.ScopeClosed();
        if (ReferenceEquals(s_ambient.Value, scope))
        {
            s_ambient.Value = Ambient;
        }
    }
}
