namespace MocketNet.Redis.Server;

/// <summary>The response object for a command the session answers itself; the answer is composed when it is written, in order.</summary>
internal sealed class BuiltInAnswer
{
    private BuiltInAnswer()
    {
    }

    public static BuiltInAnswer Instance { get; } = new();

    public override string ToString() => "(built-in answer)";
}
