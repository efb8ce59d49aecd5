namespace MocketNet.Redis.Protocol;

/// <summary>A connection's MULTI block: the replies of the commands queued in it, and whether one of them failed (EXECABORT).</summary>
internal sealed class Transaction
{
    private List<byte[]>? _queued;
    private bool _failed;

    public bool InMulti { get; private set; }

    public void Start()
    {
        InMulti = true;
        _failed = false;
        _queued = null;
    }

    /// <summary>A command of the block was refused: EXEC will answer EXECABORT, as Redis does after an unknown command.</summary>
    public void Fail() => _failed |= InMulti;

    /// <summary>Keeps a queued command's reply for EXEC's array.</summary>
    public void Queue(byte[] reply) => (_queued ??= []).Add(reply);

    /// <summary>Ends the block; returns its queued replies, or null when it had failed (EXECABORT).</summary>
    public List<byte[]>? End()
    {
        var queued = _failed ? null : _queued ?? [];
        InMulti = false;
        _failed = false;
        _queued = null;
        return queued;
    }
}
