namespace MocketNet.Redis.Protocol;

/// <summary>Redis' glob matching (PSUBSCRIBE, KEYS): <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[^a]</c>, <c>[a-z]</c> and <c>\</c> escapes, on bytes.</summary>
internal static class Glob
{
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text)
    {
        while (!pattern.IsEmpty)
        {
            switch (pattern[0])
            {
                case (byte)'*':
                    while (pattern.Length > 1 && pattern[1] == (byte)'*')
                    {
                        pattern = pattern[1..];
                    }

                    if (pattern.Length == 1)
                    {
                        return true;
                    }

                    for (var i = 0; i <= text.Length; i++)
                    {
                        if (IsMatch(pattern[1..], text[i..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case (byte)'?':
                    if (text.IsEmpty)
                    {
                        return false;
                    }

                    break;
                case (byte)'[':
                    if (text.IsEmpty || !MatchClass(ref pattern, text[0]))
                    {
                        return false;
                    }

                    break;
                case (byte)'\\' when pattern.Length > 1:
                    pattern = pattern[1..];
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
                default:
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            text = text[1..];
        }

        return text.IsEmpty;
    }

    /// <summary>Matches one byte against a [class]; leaves <paramref name="pattern"/> on its closing bracket.</summary>
    private static bool MatchClass(ref ReadOnlySpan<byte> pattern, byte c)
    {
        pattern = pattern[1..];
        var negate = !pattern.IsEmpty && pattern[0] == (byte)'^';
        if (negate)
        {
            pattern = pattern[1..];
        }

        var matched = false;
        while (!pattern.IsEmpty && pattern[0] != (byte)']')
        {
            if (pattern[0] == (byte)'\\' && pattern.Length > 1)
            {
                pattern = pattern[1..];
                matched |= pattern[0] == c;
            }
            else if (pattern.Length > 2 && pattern[1] == (byte)'-' && pattern[2] != (byte)']')
            {
                var (low, high) = pattern[0] <= pattern[2] ? (pattern[0], pattern[2]) : (pattern[2], pattern[0]);
                matched |= c >= low && c <= high;
                pattern = pattern[2..];
            }
            else
            {
                matched |= pattern[0] == c;
            }

            pattern = pattern[1..];
        }

        if (pattern.IsEmpty)
        {
            // An unclosed class matches what it listed, as Redis does; keep one byte for the caller to step past.
            pattern = " "u8;
        }

        return matched != negate;
    }
}
