using MocketNet.Recording;
using MocketNet.Tests.Support;

namespace MocketNet.Tests.Recording;

public class RecordModeTests
{
    [Theory]
    [InlineData(MocketRecordMode.Once, null, MocketRecordMode.Once)]
    [InlineData(MocketRecordMode.All, "", MocketRecordMode.All)]
    [InlineData(MocketRecordMode.Once, "none", MocketRecordMode.None)]
    [InlineData(MocketRecordMode.None, " ALL ", MocketRecordMode.All)]
    [InlineData(MocketRecordMode.All, "Once", MocketRecordMode.Once)]
    public void The_environment_variable_overrides_the_scopes_mode_in_any_case(MocketRecordMode configured, string? environment, MocketRecordMode expected) =>
        Assert.Equal(expected, RecordModes.Resolve(configured, environment));

    [Fact]
    public void An_unknown_environment_value_is_an_error_that_lists_the_valid_ones()
    {
        var error = Assert.Throws<MocketRecordingException>(() => RecordModes.Resolve(MocketRecordMode.Once, "replay"));
        Assert.Contains("MOCKET_RECORD_MODE is \"replay\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("once, none or all", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_mode_option_is_an_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordModes.Resolve((MocketRecordMode)42, null));

    [Fact]
    public void A_scope_without_a_recording_directory_has_no_recording()
    {
        using var scope = Mocket.Enable();
        Assert.Null(scope.RecordingFile);
        Assert.Null(scope.RecordMode);
    }
}
