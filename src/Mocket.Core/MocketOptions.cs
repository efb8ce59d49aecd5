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

    /// <summary>A directory where real exchanges are recorded and replayed from (see the recording docs).</summary>
    public string? RecordingDirectory { get; set; }

    /// <summary>The recording file's name inside <see cref="RecordingDirectory"/>, without <c>.json</c>.</summary>
    public string? Namespace { get; set; }

    internal MocketOptions Clone() => new()
    {
        Strict = Strict,
        AllowedHosts = [.. AllowedHosts],
        RecordingDirectory = RecordingDirectory,
        Namespace = Namespace,
    };
}
