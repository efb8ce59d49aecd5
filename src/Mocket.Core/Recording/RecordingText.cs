using System.Text;

namespace MocketNet.Recording;

/// <summary>Text conversions of recorded bytes, with the reference's rules.</summary>
internal static class RecordingText
{
    /// <summary>UTF-8 that drops invalid bytes, as Python's <c>decode("utf-8", "ignore")</c> does.</summary>
    public static readonly Encoding Lenient =
        Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(string.Empty));

    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The bytes as text when they are valid UTF-8; else null.</summary>
    public static string? Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return s_strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The bytes as text when they are valid UTF-8 with no control characters other than tab, CR and LF; else null.</summary>
    public static string? Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Utf8(bytes);
        if (text is null)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\r' or '\n' or '\t'))
            {
                return null;
            }
        }

        return text;
    }
}
