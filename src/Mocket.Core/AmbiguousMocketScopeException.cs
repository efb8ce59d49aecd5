namespace MocketNet;

/// <summary>
/// Code with no ambient <see cref="MocketScope"/> used Mocket while several scopes were open, so Mocket
/// cannot tell which one it belongs to. Mocket never picks one silently.
/// </summary>
public class AmbiguousMocketScopeException : InvalidOperationException
{
    /// <summary>Creates the exception with the standard explanation.</summary>
    public AmbiguousMocketScopeException()
        : this(2)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AmbiguousMocketScopeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public AmbiguousMocketScopeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal AmbiguousMocketScopeException(int openScopes)
        : base(
            $"Mocket was used from code that has no ambient MocketScope while {openScopes} scopes are open, " +
            "so it cannot tell which scope this belongs to (it never picks one silently). " +
            "This happens when the code runs outside the test's async context: a background service started " +
            "before the test, a thread started without ExecutionContext, or ASP.NET Core's TestServer. " +
            "Fix it by marking that test [Mocketize(Exclusive = true)] (it then runs alone among mocketized tests, and its " +
            "scope serves code with no ambient scope; MocketOptions.Exclusive outside the adapters), by setting " +
            "TestServer.PreserveExecutionContext = true, or by calling the scope's own members " +
            "(scope.Register, scope.Connect, ...) instead of the static Mocket facade.")
    {
    }
}
