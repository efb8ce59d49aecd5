namespace MocketNet.Redis.Server;

/// <summary>A strict scope's refusal of an unregistered command: an error reply that also aborts a MULTI block, as an unknown command does.</summary>
internal sealed class RedisRefusal(RedisReply reply)
{
    public RedisReply Reply { get; } = reply;

    public override string ToString() => Reply.ToString();
}
