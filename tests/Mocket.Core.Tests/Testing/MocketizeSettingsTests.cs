using MocketNet.Testing;

namespace MocketNet.Tests.Testing;

public class MocketizeSettingsTests
{
    [Fact]
    public void Levels_merge_outer_to_inner_and_only_explicit_settings_replace()
    {
        var assembly = new MocketizeSettings("/src/AssemblyInfo.cs") { Strict = true, AllowedHosts = ["db.test"], RecordingDirectory = "recordings" };
        var method = new MocketizeSettings("/src/Tests.cs") { AssertAllEntriesServed = true };

        var merged = MocketizeSettings.Merge([assembly, method]);

        Assert.True(merged.Strict);
        Assert.Equal(["db.test"], merged.AllowedHosts);
        Assert.True(merged.AssertAllEntriesServed);
        Assert.Equal("recordings", merged.RecordingDirectory);
        Assert.Equal("/src/AssemblyInfo.cs", merged.SourceFilePath); // the file that named the directory
    }

    [Fact]
    public void An_inner_level_that_turns_strictness_off_drops_the_hosts_an_outer_level_allowed()
    {
        var merged = MocketizeSettings.Merge(
        [
            new MocketizeSettings { Strict = true, AllowedHosts = ["db.test"] },
            new MocketizeSettings { Strict = false },
        ]);

        Assert.False(merged.Strict);
        Assert.Empty(merged.AllowedHosts);
    }

    [Fact]
    public void An_inner_level_s_own_recording_directory_starts_at_its_own_file()
    {
        var merged = MocketizeSettings.Merge(
        [
            new MocketizeSettings("/src/AssemblyInfo.cs") { RecordingDirectory = "outer" },
            new MocketizeSettings("/src/Feature/Tests.cs") { RecordingDirectory = "inner", Exclusive = true },
        ]);

        Assert.Equal("inner", merged.RecordingDirectory);
        Assert.Equal("/src/Feature/Tests.cs", merged.SourceFilePath);
        Assert.True(merged.Exclusive);
    }
}
