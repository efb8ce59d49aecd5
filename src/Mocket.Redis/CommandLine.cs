using System.Text;

namespace MocketNet.Redis;

/// <summary>
/// Splits a command string the way the reference does (Python's <c>shlex.split</c>, POSIX rules):
/// white space separates tokens; single quotes keep everything literally; double quotes keep white
/// space and honour <c>\"</c>, <c>\\</c>, <c>\$</c> and <c>\`</c>; a backslash outside quotes escapes the next character.
/// </summary>
internal static class CommandLine
{
    public static List<string> Split(string command)
    {
        var tokens = new List<string>();
        Scan(command, tokens);
        return tokens;
    }

    /// <summary>How many tokens <see cref="Split"/> gives, found without building them (it throws as <see cref="Split"/> does).</summary>
    public static int CountTokens(string command) => Scan(command, tokens: null);

    /// <summary>Splits <paramref name="command"/>, adding the tokens to <paramref name="tokens"/> when given; the number of tokens.</summary>
    private static int Scan(string command, List<string>? tokens)
    {
        ArgumentNullException.ThrowIfNull(command);
        var token = tokens is null ? null : new StringBuilder();
        var count = 0;
        var inToken = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case '\'':
                    inToken = true;
                    i = ReadUntil(command, i + 1, '\'', token, escapes: false);
                    break;
                case '"':
                    inToken = true;
                    i = ReadUntil(command, i + 1, '"', token, escapes: true);
                    break;
                case '\\':
                    if (i + 1 >= command.Length)
                    {
                        throw Invalid(command, "ends with a backslash that escapes nothing");
                    }

                    inToken = true;
                    token?.Append(command[++i]);
                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        if (inToken)
                        {
                            EndToken(tokens, token, ref count);
                            inToken = false;
                        }
                    }
                    else
                    {
                        inToken = true;
                        token?.Append(c);
                    }

                    break;
            }
        }

        if (inToken)
        {
            EndToken(tokens, token, ref count);
        }

        return count;
    }

    private static void EndToken(List<string>? tokens, StringBuilder? token, ref int count)
    {
        count++;
        if (tokens is not null && token is not null)
        {
            tokens.Add(token.ToString());
            token.Clear();
        }
    }

    /// <summary>Quotes a token so that <see cref="Split"/> gives it back (used to show commands in reports).</summary>
    public static string Quote(string token)
    {
        if (token.Length > 0 && !token.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' || char.IsControl(c)))
        {
            return token;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in token)
        {
            _ = c switch
            {
                '"' or '\\' => quoted.Append('\\').Append(c),
                '\r' => quoted.Append("\\r"),
                '\n' => quoted.Append("\\n"),
                _ when char.IsControl(c) => quoted.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static int ReadUntil(string command, int start, char quote, StringBuilder? token, bool escapes)
    {
        for (var i = start; i < command.Length; i++)
        {
            var c = command[i];
            if (c == quote)
            {
                return i;
            }

            if (escapes && c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`')
            {
                token?.Append(command[++i]);
            }
            else if (escapes && c == '\\' && i + 1 < command.Length && command[i + 1] == '\n')
            {
                i++;
            }
            else
            {
                token?.Append(c);
            }
        }

        throw Invalid(command, $"has no closing quotation for the {quote} opened at character {start}");
    }

    private static ArgumentException Invalid(string command, string problem) => new(
        $"The Redis command \"{command}\" {problem}. Commands are split like a POSIX shell: quote a token that holds " +
        "spaces (SET greeting \"hello world\") and escape a quote inside double quotes with a backslash.", nameof(command));
}
