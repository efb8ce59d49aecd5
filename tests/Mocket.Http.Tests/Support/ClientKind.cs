namespace MocketNet.Http.Tests.Support;

/// <summary>Which HttpClient drives a test: one from MockHttp.CreateClient(), or a plain new HttpClient() served by the global seam.</summary>
public enum ClientKind
{
    Explicit,
    Global,
}
