namespace MocketNet.Testing;

/// <summary>What a test-framework adapter's <c>[Mocketize]</c> attribute asks for; each adapter's attribute implements it.</summary>
public interface IMocketizeSettings
{
    /// <summary>Refuse real network use (see <see cref="MocketOptions.Strict"/>).</summary>
    bool Strict { get; }

    /// <summary>Hosts a strict test may reach: <c>"host"</c> or <c>"host:port"</c>.</summary>
    IReadOnlyList<string> AllowedHosts { get; }

    /// <summary>Where real exchanges are recorded and replayed from.</summary>
    string? RecordingDirectory { get; }

    /// <summary>The recording file's name; when null and recording, the test's full name made file-safe.</summary>
    string? Namespace { get; }

    /// <summary>Run the test alone among mocketized tests; its scope also serves code that has no ambient scope (see <see cref="MocketOptions.Exclusive"/>).</summary>
    bool Exclusive { get; }

    /// <summary>Fail the test when it leaves registered entries unserved.</summary>
    bool AssertAllEntriesServed { get; }

    /// <summary>
    /// The source file the attribute was written in (filled in by the compiler); a relative
    /// <see cref="RecordingDirectory"/> is resolved against its folder, so recordings live next to the
    /// tests (and in source control) rather than under bin/.
    /// </summary>
    string? SourceFilePath { get; }
}
