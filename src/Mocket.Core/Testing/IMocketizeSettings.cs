namespace MocketNet.Testing;

/// <summary>
/// What a test-framework adapter's <c>[Mocketize]</c> attribute asks for: the one definition of every option
/// the adapters share (their attributes declare the properties and inherit these docs). <see cref="MocketTestRun"/>
/// turns them into the test's <see cref="MocketOptions"/>.
/// </summary>
public interface IMocketizeSettings
{
    /// <summary>
    /// Refuse real network use (see <see cref="MocketOptions.Strict"/>): a request no entry handles fails, and the
    /// test fails naming every real connection or DNS lookup it made. Default false.
    /// </summary>
    bool Strict { get; }

    /// <summary>Hosts a strict test may reach: <c>"host"</c> (any port) or <c>"host:port"</c>. Only valid with <see cref="Strict"/>.</summary>
    IReadOnlyList<string> AllowedHosts { get; }

    /// <summary>
    /// Where real exchanges are recorded and replayed from (see <see cref="MocketOptions.RecordingDirectory"/>); a
    /// relative directory starts at the folder of the source file the attribute is written in.
    /// </summary>
    string? RecordingDirectory { get; }

    /// <summary>The recording file's name; when null and recording, the test's full name (with its data-row arguments) made file-safe.</summary>
    string? Namespace { get; }

    /// <summary>
    /// Run the test alone among mocketized tests; its scope also serves code that lost the test's async context,
    /// such as a service started earlier (see <see cref="MocketOptions.Exclusive"/>). Default false.
    /// </summary>
    bool Exclusive { get; }

    /// <summary>Fail the test when it leaves registered entries unserved (see <see cref="MocketScope.AssertAllEntriesServed"/>). Default false.</summary>
    bool AssertAllEntriesServed { get; }

    /// <summary>
    /// The source file the attribute was written in (filled in by the compiler); a relative
    /// <see cref="RecordingDirectory"/> is resolved against its folder, so recordings live next to the
    /// tests (and in source control) rather than under bin/.
    /// </summary>
    string? SourceFilePath { get; }
}
