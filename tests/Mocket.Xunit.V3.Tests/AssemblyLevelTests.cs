using Xunit;

// xunit v3 runs before/after attributes found on the assembly: every test here is mocketized.
[assembly: MocketNet.Xunit.Mocketize]

namespace MocketNet.Xunit.V3.Tests;

public class AssemblyLevelTests
{
    [Fact]
    public void A_test_with_no_attribute_of_its_own_gets_a_scope_from_the_assembly()
    {
        Assert.True(Mocket.IsEnabled);
        Assert.False(Mocket.CurrentScope.Options.Strict);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [Mocketize(RecordingDirectory = "recordings")]
    public void Each_data_row_records_under_its_own_name(string row)
    {
        // xunit v3 gives the hook the row's arguments (v2 does not): rows do not share a recording file.
        Assert.Empty(Mocket.CurrentScope.Entries);
        Assert.Equal($"MocketNet.Xunit.V3.Tests.AssemblyLevelTests.Each_data_row_records_under_its_own_name(row: \"{row}\")", Mocket.CurrentScope.Options.Namespace);
    }
}
