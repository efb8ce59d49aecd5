using System.Globalization;
using System.Text;

namespace MocketNet.Recording;

/// <summary>The reference's hex text: upper-case byte pairs separated by spaces; reading ignores white space.</summary>
internal static class Hex
{
    public static string Dump(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var text = new StringBuilder((bytes.Length * 3) - 1);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Parses hex digits, white space ignored; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryLoad(string text, out byte[] bytes, out string? error)
    {
        var digits = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c))
            {
                bytes = [];
                error = string.Create(CultureInfo.InvariantCulture, $"character '{c}' at position {i} is not a hex digit");
                return false;
            }

            digits.Append(c);
        }

        if (digits.Length % 2 != 0)
        {
            bytes = [];
            error = string.Create(CultureInfo.InvariantCulture, $"it has an odd number of hex digits ({digits.Length})");
            return false;
        }

        bytes = Convert.FromHexString(digits.ToString());
        error = null;
        return true;
    }
}
