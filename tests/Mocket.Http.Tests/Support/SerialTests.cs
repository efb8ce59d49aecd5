namespace MocketNet.Http.Tests.Support;

/// <summary>
/// Tests that send requests with no scope of their own (before a scope opens, after it closes) run
/// alone: while another test's scope is the only one open, Mocket serves context-less traffic from
/// it, so running them in parallel would hand their requests to that test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Requests with no scope of their own";
}
