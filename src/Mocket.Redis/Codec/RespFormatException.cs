namespace MocketNet.Redis.Codec;

/// <summary>
/// Bytes that are not RESP: a frame with an unknown prefix, a length that is not a number, a missing
/// CRLF. The connection that sent them is answered <c>-ERR Protocol error: ...</c> and closed.
/// </summary>
public sealed class RespFormatException : MocketProtocolException
{
    /// <summary>Creates the exception with a default message.</summary>
    public RespFormatException()
        : base("The bytes are not valid RESP.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong, where, and what was expected.</param>
    public RespFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RespFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How far into the frame the problem was found, in bytes (-1 when unknown).</summary>
    public long Offset { get; init; } = -1;
}
