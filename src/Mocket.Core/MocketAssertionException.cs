namespace MocketNet;

/// <summary>A Mocket assertion (<c>AssertLastRequest</c>, <c>AssertAllEntriesServed</c>) failed.</summary>
public class MocketAssertionException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public MocketAssertionException()
        : this("A Mocket assertion failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MocketAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MocketAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
