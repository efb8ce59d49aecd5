using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Redis.Recording;

/// <summary>
/// Replaces secrets in a recorded command by <see cref="MocketRedaction.Placeholder"/>: always the passwords of
/// AUTH, HELLO … AUTH, MIGRATE … AUTH/AUTH2, CONFIG SET requirepass/masterauth and ACL SETUSER; and, for the
/// names a scope lists in <see cref="MocketRedaction.Fields"/>, the value written to a string key or a hash field
/// of that name (or to any field of a hash of that name).
/// </summary>
internal static class RecordedRedaction
{
    public static readonly byte[] Placeholder = Encoding.ASCII.GetBytes(MocketRedaction.Placeholder);

    public static RecordedCommand Request(RecordedCommand command, MocketRedaction redaction)
    {
        var args = (byte[][])command.Arguments.Clone();
        switch (command.Verb)
        {
            case "AUTH" when args.Length > 0:
                // AUTH password | AUTH username password
                args[^1] = Placeholder;
                break;
            case "HELLO":
                RedactAfter(command, args, "AUTH", 2);
                break;
            case "MIGRATE":
                RedactAfter(command, args, "AUTH", 1);
                RedactAfter(command, args, "AUTH2", 2);
                break;
            case "CONFIG" when command.ArgumentIs(0, "SET"):
                for (var i = 1; i + 1 < args.Length; i += 2)
                {
                    if (IsSecretSetting(args[i]))
                    {
                        args[i + 1] = Placeholder;
                    }
                }

                break;
            case "ACL" when command.ArgumentIs(0, "SETUSER"):
                for (var i = 2; i < args.Length; i++)
                {
                    // >password, <password, #sha256, !sha256
                    if (args[i].Length > 1 && args[i][0] is (byte)'>' or (byte)'<' or (byte)'#' or (byte)'!')
                    {
                        args[i] = [args[i][0], .. Placeholder];
                    }
                }

                break;
            default:
                if (redaction.Fields.Count > 0)
                {
                    RedactNamedValues(command.Verb, args, redaction);
                }

                break;
        }

        return command with { Arguments = args };
    }

    /// <summary>Whether a configuration parameter holds a password (CONFIG SET/GET).</summary>
    public static bool IsSecretSetting(byte[] name) =>
        Ascii.EqualsIgnoreCase(name, "requirepass") || Ascii.EqualsIgnoreCase(name, "masterauth");

    /// <summary>Whether the scope named a key or field.</summary>
    public static bool IsNamed(MocketRedaction redaction, byte[] name) =>
        redaction.Fields.Count > 0 && redaction.IsRedacted(Encoding.UTF8.GetString(name));

    private static void RedactNamedValues(string verb, byte[][] args, MocketRedaction redaction)
    {
        switch (verb)
        {
            case "SET" or "SETNX" or "GETSET" or "APPEND" when args.Length > 1 && IsNamed(redaction, args[0]):
                args[1] = Placeholder;
                break;
            case "SETEX" or "PSETEX" or "SETRANGE" when args.Length > 2 && IsNamed(redaction, args[0]):
                args[2] = Placeholder;
                break;
            case "MSET" or "MSETNX":
                RedactPairs(args, 0, redaction, all: false);
                break;
            case "HSET" or "HMSET" or "HSETNX" when args.Length > 0:
                RedactPairs(args, 1, redaction, all: IsNamed(redaction, args[0]));
                break;
        }
    }

    /// <summary>Redacts the value of each name/value pair from <paramref name="start"/> whose name is listed (or every one).</summary>
    private static void RedactPairs(byte[][] args, int start, MocketRedaction redaction, bool all)
    {
        for (var i = start; i + 1 < args.Length; i += 2)
        {
            if (all || IsNamed(redaction, args[i]))
            {
                args[i + 1] = Placeholder;
            }
        }
    }

    /// <summary>Redacts the <paramref name="offset"/>-th argument after each <paramref name="option"/> token.</summary>
    private static void RedactAfter(RecordedCommand command, byte[][] args, string option, int offset)
    {
        for (var i = 0; i + offset < args.Length; i++)
        {
            if (command.ArgumentIs(i, option))
            {
                args[i + offset] = Placeholder;
            }
        }
    }
}
