namespace MocketNet.Redis.Recording;

/// <summary>
/// What matching ignores in a recorded command, because it changes from run to run or from machine to machine:
/// credentials (AUTH is dropped, HELLO keeps only its protocol version), ECHO's payload (StackExchange.Redis
/// sends random bytes), and the values of CLIENT SETNAME and CLIENT SETINFO (client names and library versions).
/// </summary>
internal static class RecordedNormalization
{
    /// <summary>What a volatile value is replaced by.</summary>
    private static readonly byte[] s_volatile = "?"u8.ToArray();

    public static RecordedCommand? Normalize(RecordedCommand command) => command.Verb switch
    {
        "AUTH" => null,
        "HELLO" => command with { Arguments = command.Arguments[..Math.Min(1, command.Arguments.Length)] },
        "ECHO" => Volatile(command, from: 0),
        "CLIENT" when command.ArgumentIs(0, "SETNAME") => Volatile(command, from: 1),
        "CLIENT" when command.ArgumentIs(0, "SETINFO") => Volatile(command, from: 2),
        _ => command,
    };

    private static RecordedCommand Volatile(RecordedCommand command, int from) =>
        command with { Arguments = [.. command.Arguments.Select((a, i) => i < from ? a : s_volatile)] };
}
