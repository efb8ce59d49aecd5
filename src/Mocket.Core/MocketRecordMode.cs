namespace MocketNet;

/// <summary>
/// How a scope with a <see cref="MocketOptions.RecordingDirectory"/> uses its recording. The environment
/// variable <c>MOCKET_RECORD_MODE</c> (<c>once</c>, <c>none</c> or <c>all</c>) overrides the scope's choice, for CI.
/// </summary>
public enum MocketRecordMode
{
    /// <summary>Replay recorded exchanges; pass unrecorded requests to the real server and record them (the default).</summary>
    Once,

    /// <summary>Replay only: a request with no recorded exchange fails with <see cref="MocketRecordingException"/> and never reaches the network.</summary>
    None,

    /// <summary>Never replay: pass every unmatched request to the real server and record it again, replacing the old exchange.</summary>
    All,
}
