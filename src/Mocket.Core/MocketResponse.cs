using System.Text;

namespace MocketNet;

/// <summary>
/// One answer an entry gives: the base of every protocol's response type (<see cref="RawResponse"/> for raw
/// entries; packs derive their own, such as HTTP's and Redis' mock responses). A response that carries an
/// <see cref="Exception"/> is a fault: the client's call fails with it instead of receiving bytes.
/// </summary>
/// <remarks>
/// Raw entries keep their one-line form through implicit conversions:
/// <c>new MocketEntry("smtp.test", 25, "220 ready\r\n", bytes, new IOException("reset"))</c>.
/// </remarks>
public abstract class MocketResponse
{
    /// <summary>Creates a response; <paramref name="exception"/> makes it a fault.</summary>
    /// <param name="exception">The exception the client's call fails with, or null for a reply.</param>
    protected MocketResponse(Exception? exception) => Exception = exception;

    /// <summary>For a fault: the exception the client's call (or connection) fails with; null for a reply.</summary>
    public Exception? Exception { get; }

    /// <summary>The byte-level failure applied to this reply on its way to the client (<see cref="MocketResponseExtensions.WithFault{TResponse}(TResponse, MocketFault)"/>); null for none.</summary>
    public MocketFault? Fault { get; private set; }

    /// <summary>Text sent as UTF-8 by a raw entry.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator MocketResponse(string text) => RawResponse.FromText(text);

    /// <summary>Bytes sent verbatim by a raw entry.</summary>
    /// <param name="bytes">The bytes (copied).</param>
    public static implicit operator MocketResponse(byte[] bytes) => RawResponse.FromBytes(bytes);

    /// <summary>A fault: the client's connection fails with <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception.</param>
    public static implicit operator MocketResponse(Exception exception) => RawResponse.Fail(exception);

    /// <summary>Text sent as UTF-8 by a raw entry (what the implicit conversion from <see cref="string"/> does).</summary>
    /// <param name="text">The text.</param>
    public static MocketResponse FromString(string text) => RawResponse.FromText(text);

    /// <summary>Bytes sent verbatim by a raw entry (what the implicit conversion from a byte array does).</summary>
    /// <param name="bytes">The bytes (copied).</param>
    public static MocketResponse FromByteArray(byte[] bytes) => RawResponse.FromBytes(bytes);

    /// <summary>A fault (what the implicit conversion from <see cref="System.Exception"/> does).</summary>
    /// <param name="exception">The exception.</param>
    public static MocketResponse FromException(Exception exception) => RawResponse.Fail(exception);

    /// <summary>A copy of this response that carries <paramref name="fault"/>.</summary>
    internal MocketResponse CopyWithFault(MocketFault fault)
    {
        if (Exception is not null)
        {
            throw new ArgumentException(
                $"This response already fails the call with {Exception.GetType().Name}, so a byte-level fault ({fault}) has no bytes to act on. " +
                "Use one or the other: an exception response, or a reply with a fault.", nameof(fault));
        }

        var copy = (MocketResponse)MemberwiseClone();
        copy.Fault = fault;
        return copy;
    }

    /// <summary>The text of a UTF-8 payload for reports, shortened.</summary>
    private protected static string Preview(ReadOnlySpan<byte> bytes) =>
        MocketRequest.FirstLineOf(bytes) is { Length: > 0 } line ? line : $"{bytes.Length} bytes";

    private protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text)));
}
