namespace MocketNet;

/// <summary>
/// A strict <see cref="MocketScope"/> saw real network use: a request no entry handled, a connection
/// to an unregistered location, or a connection or DNS lookup the network guard observed.
/// </summary>
public class StrictMocketException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public StrictMocketException()
        : this("Mocket tried to use the real network while STRICT mode was active.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StrictMocketException(string message)
        : base(message)
    {
        Violations = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StrictMocketException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violations = [];
    }

    internal StrictMocketException(string message, IReadOnlyList<MocketViolation> violations)
        : base(message)
    {
        Violations = violations;
    }

    /// <summary>The violations this exception reports (one for a refused request, all of them when a scope closes).</summary>
    public IReadOnlyList<MocketViolation> Violations { get; }
}
