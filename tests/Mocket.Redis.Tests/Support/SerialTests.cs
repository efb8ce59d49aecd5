namespace MocketNet.Redis.Tests.Support;

/// <summary>Tests that need no Mocket scope open anywhere in the process run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Process-wide scope state";
}
