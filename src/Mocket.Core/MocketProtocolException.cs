namespace MocketNet;

/// <summary>
/// A client sent bytes that the protocol of its connection cannot parse (a malformed HTTP request line,
/// a broken RESP frame). The connection is answered with the protocol's error, if it has one, and closed;
/// the exception is kept in <see cref="MocketScope.Errors"/>.
/// </summary>
public class MocketProtocolException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public MocketProtocolException()
        : this("The client sent bytes that do not follow the protocol.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MocketProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MocketProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
