namespace MocketNet;

/// <summary>How a <see cref="MocketScope"/> behaves. The scope takes a copy when it opens.</summary>
public sealed class MocketOptions
{
    /// <summary>
    /// Refuse every real network use: unmatched requests fail with <see cref="StrictMocketException"/>,
    /// and the scope throws when it closes if anything (including the network guard) saw real traffic.
    /// </summary>
    public bool Strict { get; set; }

    /// <summary>
    /// Hosts a strict scope lets through to the real network: <c>"host"</c> (any port) or
    /// <c>"host:port"</c> (<c>"[::1]:6379"</c> for IPv6). Only valid together with <see cref="Strict"/>.
    /// </summary>
    public IList<string> AllowedHosts { get; init; } = new List<string>();

    /// <summary>
    /// This scope serves code that has no ambient scope (a background service started before the test,
    /// a thread started without the ExecutionContext) even while other scopes are open. Only one
    /// exclusive scope may be open for that to hold; with two, such code gets
    /// <see cref="AmbiguousMocketScopeException"/>.
    /// </summary>
    public bool Exclusive { get; set; }

    /// <summary>
    /// A directory where real exchanges are recorded and replayed from: requests no entry handles are
    /// answered from <c>&lt;RecordingDirectory&gt;/&lt;Namespace&gt;.json</c> with no network, or passed to the real
    /// server and recorded there (see <see cref="RecordMode"/>). The format is Python mocket's.
    /// </summary>
    public string? RecordingDirectory { get; set; }

    /// <summary>
    /// The recording file's name inside <see cref="RecordingDirectory"/>, without <c>.json</c>; characters that
    /// are not safe in a file name become <c>_</c>. Test adapters pass the test's full name. Default: <c>mocket</c>.
    /// </summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// How the recording is used: <see cref="MocketRecordMode.Once"/> (the default),
    /// <see cref="MocketRecordMode.None"/> or <see cref="MocketRecordMode.All"/>. The environment variable
    /// <c>MOCKET_RECORD_MODE</c> overrides it.
    /// </summary>
    public MocketRecordMode RecordMode { get; set; }

    /// <summary>
    /// Names of fields whose values are replaced by <c>REDACTED</c> when an exchange is recorded, on top of
    /// each protocol's own secrets (HTTP: <c>Authorization</c>, <c>Cookie</c>, <c>Set-Cookie</c>). What a field
    /// is belongs to the protocol: for HTTP, a header name or a query-string key. Compared case-insensitively.
    /// </summary>
    public IList<string> RedactedFields { get; init; } = new List<string>();

    /// <summary>Set by test adapters: reports then give advice as <c>[Mocketize(...)]</c> settings rather than options.</summary>
    internal bool FromAttribute { get; set; }

    /// <summary>Set by test adapters: the test the scope belongs to, for messages such as a closed scope's.</summary>
    internal string? TestName { get; set; }

    internal MocketOptions Clone() => new()
    {
        FromAttribute = FromAttribute,
        TestName = TestName,
        Strict = Strict,
        Exclusive = Exclusive,
        AllowedHosts = [.. AllowedHosts],
        RecordingDirectory = RecordingDirectory,
        Namespace = Namespace,
        RecordMode = RecordMode,
        RedactedFields = [.. RedactedFields],
    };
}
