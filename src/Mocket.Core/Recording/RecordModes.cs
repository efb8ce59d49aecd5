namespace MocketNet.Recording;

/// <summary>The record mode in force: the environment variable <c>MOCKET_RECORD_MODE</c> if set, else the scope's option.</summary>
internal static class RecordModes
{
    public const string EnvironmentVariable = "MOCKET_RECORD_MODE";

    public static MocketRecordMode Resolve(MocketRecordMode configured) =>
        Resolve(configured, Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static MocketRecordMode Resolve(MocketRecordMode configured, string? environment)
    {
        if (!Enum.IsDefined(configured))
        {
            throw new ArgumentOutOfRangeException(
                nameof(configured), configured, "MocketOptions.RecordMode must be MocketRecordMode.Once, None or All.");
        }

        if (string.IsNullOrWhiteSpace(environment))
        {
            return configured;
        }

        return environment.Trim().ToUpperInvariant() switch
        {
            "ONCE" => MocketRecordMode.Once,
            "NONE" => MocketRecordMode.None,
            "ALL" => MocketRecordMode.All,
            _ => throw new MocketRecordingException(
                $"The environment variable {EnvironmentVariable} is \"{environment}\", which is not a record mode. " +
                "Set it to once, none or all (any case), or unset it to use each scope's MocketOptions.RecordMode."),
        };
    }
}
