using System.Security.Cryptography;
using System.Text;

namespace MocketNet.Recording;

/// <summary>
/// The reference's request signature: the request decoded as UTF-8 (invalid bytes dropped), split on
/// CRLF, the lines sorted by code point and joined with nothing, then MD5 of the UTF-8 bytes, lower-case hex.
/// </summary>
internal static class RecordingSignature
{
    public static string Of(ReadOnlySpan<byte> request)
    {
        var lines = RecordingText.Lenient.GetString(request).Split("\r\n");
        Array.Sort(lines, CompareCodePoints);
        var joined = Encoding.UTF8.GetBytes(string.Concat(lines));
#pragma warning disable CA5351 // Not security: the reference's file format keys exchanges by this MD5.
        var hash = MD5.HashData(joined);
#pragma warning restore CA5351
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    /// <summary>Python's string order: by code point (UTF-16 order differs above U+D7FF).</summary>
    private static int CompareCodePoints(string? a, string? b)
    {
        a ??= string.Empty;
        b ??= string.Empty;
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return CodePointRank(a[i]) - CodePointRank(b[i]);
            }
        }

        return a.Length - b.Length;
    }

    // Surrogates (U+10000 and up) rank above U+E000..U+FFFF; everything else keeps its code unit order.
    private static int CodePointRank(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
