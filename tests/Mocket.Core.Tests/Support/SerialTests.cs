namespace MocketNet.Tests.Support;

/// <summary>
/// Tests that depend on how many scopes are open in the whole process (the single-open-scope fallback,
/// leak counts) run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Process-wide scope state";
}
