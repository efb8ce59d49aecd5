namespace MocketNet.Http.Protocol;

/// <summary>The <see cref="HttpMockLimits"/> a scope's fake HTTP server enforces, once <see cref="MockHttp.SetLimits"/> has set them.</summary>
internal sealed class HttpLimitsState
{
    public HttpMockLimits Limits { get; set; } = HttpMockLimits.Default;
}
