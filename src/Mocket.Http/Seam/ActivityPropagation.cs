namespace MocketNet.Http.Seam;

/// <summary>Whether HttpClient writes its diagnostic events at all (the switch the runtime reads once per process).</summary>
internal static class ActivityPropagation
{
    public static bool IsEnabled { get; } = Read();

    private static bool Read()
    {
        if (AppContext.TryGetSwitch("System.Net.Http.EnableActivityPropagation", out var enabled))
        {
            return enabled;
        }

        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_HTTP_ENABLEACTIVITYPROPAGATION");
        return variable is null || !(variable == "0" || variable.Equals("false", StringComparison.OrdinalIgnoreCase));
    }
}
