using System.Security.Cryptography;
using System.Text;

namespace MocketNet.Recording;

/// <summary>Turns a namespace into a file name that is safe on every OS (the same name everywhere, so recordings travel).</summary>
internal static class RecordingFileName
{
    /// <summary>The namespace used when a scope names none.</summary>
    public const string DefaultNamespace = "mocket";

    private const int MaxLength = 150;

    private static readonly string[] s_reservedWindowsNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary><c>&lt;directory&gt;/&lt;safe namespace&gt;.json</c>, full path.</summary>
    public static string PathFor(string directory, string? @namespace) =>
        Path.GetFullPath(Path.Combine(directory, Safe(@namespace) + ".json"));

    /// <summary>
    /// Characters invalid in a file name on Windows or Unix (<c>&lt;&gt;:"/\|?*</c>, controls) become <c>_</c>;
    /// leading and trailing dots and spaces are trimmed; reserved device names get a <c>_</c> prefix;
    /// names longer than 150 characters are cut and end with a hash of the whole name, so they stay distinct.
    /// </summary>
    public static string Safe(string? @namespace)
    {
        if (string.IsNullOrWhiteSpace(@namespace))
        {
            return DefaultNamespace;
        }

        var text = new StringBuilder(@namespace.Length);
        foreach (var c in @namespace)
        {
            text.Append(char.IsControl(c) || c is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*' ? '_' : c);
        }

        var name = text.ToString().Trim(' ', '.');
        if (name.Length == 0 || name.All(c => c == '_'))
        {
            name = "_" + name;
        }

        var stem = name.Split('.')[0];
        if (s_reservedWindowsNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
        {
            name = "_" + name;
        }

        if (name.Length > MaxLength)
        {
#pragma warning disable CA5351 // Not security: a short, stable tag that keeps long names distinct.
            var hash = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(@namespace)))[..12].ToLowerInvariant();
#pragma warning restore CA5351
            name = name[..(MaxLength - 13)].TrimEnd(" .".ToCharArray()) + "-" + hash;
        }

        return name;
    }
}
