namespace MocketNet.Redis.Codec;

/// <summary>One element of a scanned RESP value: its type, where its payload lies, how many items it has.</summary>
internal readonly record struct RespNode(RespType Type, long Start, int Length, int Items, bool IsNull);
