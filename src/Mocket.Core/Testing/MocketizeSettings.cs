namespace MocketNet.Testing;

/// <summary>
/// The options of one <c>[Mocketize]</c> attribute, remembering which were set explicitly, so that levels merge:
/// an adapter's attribute keeps its options here and exposes them through <see cref="IMocketizeLevel"/>.
/// <see cref="MocketizeLookup.Effective"/> merges the levels of a test (assembly, class, method), the inner
/// level's explicit settings winning.
/// </summary>
public sealed class MocketizeSettings : IMocketizeSettings
{
    private Options _set;
    private string[] _allowedHosts = [];

    /// <summary>Creates settings with every option at its default.</summary>
    /// <param name="sourceFilePath">The source file the attribute is written in (relative recording directories start there).</param>
    public MocketizeSettings(string? sourceFilePath = null) => SourceFilePath = sourceFilePath;

    [Flags]
    private enum Options
    {
        None = 0,
        Strict = 1,
        AllowedHosts = 2,
        RecordingDirectory = 4,
        Namespace = 8,
        Exclusive = 16,
        AssertAllEntriesServed = 32,
    }

    /// <inheritdoc />
    public bool Strict
    {
        get;
        set
        {
            field = value;
            _set |= Options.Strict;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> AllowedHosts
    {
        get => _allowedHosts;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _allowedHosts = [.. value];
            _set |= Options.AllowedHosts;
        }
    }

    /// <inheritdoc />
    public string? RecordingDirectory
    {
        get;
        set
        {
            field = value;
            _set |= Options.RecordingDirectory;
        }
    }

    /// <inheritdoc />
    public string? Namespace
    {
        get;
        set
        {
            field = value;
            _set |= Options.Namespace;
        }
    }

    /// <inheritdoc />
    public bool Exclusive
    {
        get;
        set
        {
            field = value;
            _set |= Options.Exclusive;
        }
    }

    /// <inheritdoc />
    public bool AssertAllEntriesServed
    {
        get;
        set
        {
            field = value;
            _set |= Options.AssertAllEntriesServed;
        }
    }

    /// <inheritdoc />
    public string? SourceFilePath { get; private set; }

    /// <summary>The levels merged, outermost first: each level's explicit settings replace what the outer levels said.</summary>
    /// <param name="outerToInner">The settings of the assembly, the class and the method, as far as they exist.</param>
    public static MocketizeSettings Merge(IEnumerable<MocketizeSettings> outerToInner)
    {
        ArgumentNullException.ThrowIfNull(outerToInner);
        var merged = new MocketizeSettings();
        foreach (var level in outerToInner)
        {
            merged.Apply(level);
        }

        return merged;
    }

    private void Apply(MocketizeSettings level)
    {
        if (level._set.HasFlag(Options.Strict))
        {
            Strict = level.Strict;
            if (!level.Strict && !level._set.HasFlag(Options.AllowedHosts))
            {
                _allowedHosts = []; // hosts an outer strict level allowed mean nothing once a level turns strictness off
            }
        }

        if (level._set.HasFlag(Options.AllowedHosts))
        {
            AllowedHosts = level.AllowedHosts;
        }

        if (level._set.HasFlag(Options.RecordingDirectory))
        {
            // A relative directory starts at the file of the attribute that names it.
            RecordingDirectory = level.RecordingDirectory;
            SourceFilePath = level.SourceFilePath;
        }

        if (level._set.HasFlag(Options.Namespace))
        {
            Namespace = level.Namespace;
        }

        if (level._set.HasFlag(Options.Exclusive))
        {
            Exclusive = level.Exclusive;
        }

        if (level._set.HasFlag(Options.AssertAllEntriesServed))
        {
            AssertAllEntriesServed = level.AssertAllEntriesServed;
        }

        SourceFilePath ??= level.SourceFilePath;
    }
}
