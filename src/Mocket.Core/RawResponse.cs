using System.Globalization;

namespace MocketNet;

/// <summary>
/// A raw entry's answer: bytes written to the client as they are, or a fault that fails the client's
/// connection. Made implicitly from a <see cref="string"/> (UTF-8), a byte array or an <see cref="System.Exception"/>.
/// </summary>
public sealed class RawResponse : MocketResponse
{
    private RawResponse(ReadOnlyMemory<byte> data, Exception? exception)
        : base(exception) => Data = data;

    /// <summary>The bytes written (empty for a fault).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Text sent as UTF-8.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator RawResponse(string text) => FromText(text);

    /// <summary>The bytes, verbatim (copied).</summary>
    /// <param name="bytes">The bytes.</param>
    public static implicit operator RawResponse(byte[] bytes) => FromBytes(bytes);

    /// <summary>Text sent as UTF-8.</summary>
    /// <param name="text">The text.</param>
    public static RawResponse FromText(string text) => new(Utf8(text), null);

    /// <summary>Bytes sent verbatim.</summary>
    /// <param name="bytes">The bytes (copied).</param>
    public static RawResponse FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new((byte[])[.. bytes], null);
    }

    /// <summary>A fault: the client's connection fails with <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception.</param>
    public static RawResponse Fail(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ReadOnlyMemory<byte>.Empty, exception);
    }

    /// <summary>The response as reports show it.</summary>
    public override string ToString() => Exception is not null
        ? $"RawResponse(fault={Exception.GetType().Name})"
        : string.Create(CultureInfo.InvariantCulture, $"RawResponse(bytes={Data.Length}, data=\"{Preview(Data.Span)}\")");
}
