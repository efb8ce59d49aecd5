namespace MocketNet;

/// <summary>
/// A recording could not be used: its file is corrupt or unreadable (it is then left untouched), or a
/// replay-only scope (<see cref="MocketRecordMode.None"/>) met a request that was never recorded.
/// </summary>
public class MocketRecordingException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public MocketRecordingException()
        : this("A Mocket recording could not be used.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened, what was expected, what to do.</param>
    public MocketRecordingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What happened, what was expected, what to do.</param>
    /// <param name="innerException">The cause.</param>
    public MocketRecordingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal MocketRecordingException(string message, string filePath, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The recording file concerned (full path), when there is one.</summary>
    public string? FilePath { get; }
}
