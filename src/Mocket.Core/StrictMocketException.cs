namespace MocketNet;

/// <summary>
/// A strict <see cref="MocketScope"/> saw real network use: a request no entry handled, a connection
/// to an unregistered location, or a connection or DNS lookup the network guard observed.
/// </summary>
public class StrictMocketException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public StrictMocketException()
        : this("The strict Mocket scope refused a request or saw the real network used.")
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
        Violations = new ViolationList(violations);
    }

    /// <summary>The violations this exception reports (one for a refused request, all of them when a scope closes).</summary>
    public IReadOnlyList<MocketViolation> Violations { get; }

    /// <summary>The violations, shown by runners that print an exception's properties (NUnit) as a line a person reads.</summary>
    private sealed class ViolationList(IReadOnlyList<MocketViolation> violations) : System.Collections.ObjectModel.ReadOnlyCollection<MocketViolation>([.. violations])
    {
        public override string ToString() => string.Join("; ", this.Select(v => v.ToString()));
    }
}
