namespace MocketNet.Redis.Matching;

/// <summary>
/// Redis' glob, as KEYS and SCAN MATCH read it: <c>*</c> any bytes, <c>?</c> one byte, <c>[abc]</c> <c>[a-z]</c>
/// <c>[^a]</c> one byte of (or not of) a set, <c>\x</c> the byte x itself. Matched on bytes, without recursion: a
/// <c>*</c> remembers where to resume, so the cost stays proportional to pattern times text at worst.
/// </summary>
internal static class RedisGlob
{
    /// <summary>Whether <paramref name="pattern"/> holds a glob metacharacter (else it only matches itself).</summary>
    public static bool IsPattern(ReadOnlySpan<byte> pattern) => pattern.IndexOfAny("*?[\\"u8) >= 0;

    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text)
    {
        int p = 0, t = 0, starP = -1, starT = -1;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == (byte)'*')
            {
                (starP, starT) = (++p, t);
                continue;
            }

            if (p < pattern.Length && MatchOne(pattern, ref p, text[t]))
            {
                t++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            // Let the last * take one more byte, and try the rest of the pattern from there.
            (p, t) = (starP, ++starT);
        }

        while (p < pattern.Length && pattern[p] == (byte)'*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Whether the pattern element at <paramref name="p"/> (not a <c>*</c>) matches <paramref name="c"/>; moves past it when it does.</summary>
    private static bool MatchOne(ReadOnlySpan<byte> pattern, ref int p, byte c)
    {
        switch (pattern[p])
        {
            case (byte)'?':
                p++;
                return true;
            case (byte)'[':
                var end = p + 1;
                var negate = end < pattern.Length && pattern[end] == (byte)'^';
                if (negate)
                {
                    end++;
                }

                var matched = false;
                while (end < pattern.Length && pattern[end] != (byte)']')
                {
                    if (pattern[end] == (byte)'\\' && end + 1 < pattern.Length)
                    {
                        matched |= pattern[++end] == c;
                    }
                    else if (end + 2 < pattern.Length && pattern[end + 1] == (byte)'-' && pattern[end + 2] != (byte)']')
                    {
                        var (low, high) = pattern[end] <= pattern[end + 2] ? (pattern[end], pattern[end + 2]) : (pattern[end + 2], pattern[end]);
                        matched |= c >= low && c <= high;
                        end += 2;
                    }
                    else
                    {
                        matched |= pattern[end] == c;
                    }

                    end++;
                }

                // An unclosed [ runs to the end of the pattern, as in Redis.
                if (matched == negate)
                {
                    return false;
                }

                p = Math.Min(end + 1, pattern.Length);
                return true;
            case (byte)'\\' when p + 1 < pattern.Length:
                if (pattern[p + 1] != c)
                {
                    return false;
                }

                p += 2;
                return true;
            default:
                if (pattern[p] != c)
                {
                    return false;
                }

                p++;
                return true;
        }
    }
}
