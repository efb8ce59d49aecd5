using System.Buffers;

namespace MocketNet.Connections;

/// <summary>
/// One client write on its way to the pump: a copy in a pooled array (the client may reuse its buffer
/// as soon as Write returns), given back to the pool once the pump has consumed it.
/// </summary>
internal readonly struct ClientWrite
{
    private readonly byte[]? _array;
    private readonly int _length;

    private ClientWrite(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public ReadOnlyMemory<byte> Bytes => _array.AsMemory(0, _length);

    public static ClientWrite Copy(ReadOnlySpan<byte> data)
    {
        var array = ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(array);
        return new ClientWrite(array, data.Length);
    }

    public void Return()
    {
        if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
