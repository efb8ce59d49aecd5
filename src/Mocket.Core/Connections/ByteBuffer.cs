using System.Buffers;

namespace MocketNet.Connections;

/// <summary>A growable byte buffer with a consumed front, exposed as one contiguous sequence.</summary>
internal sealed class ByteBuffer
{
    private byte[] _array = new byte[4096];
    private int _start;
    private int _end;

    public int Length => _end - _start;

    public ReadOnlySequence<byte> Readable => new(_array, _start, _end - _start);

    public void Append(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetWritable(data.Length).Span);
        _end += data.Length;
    }

    public Memory<byte> GetWritable(int sizeHint)
    {
        if (_array.Length - _end < sizeHint)
        {
            var length = Length;
            var target = length + sizeHint <= _array.Length / 2 ? _array : new byte[Math.Max(_array.Length * 2, length + sizeHint)];
            Buffer.BlockCopy(_array, _start, target, 0, length);
            _array = target;
            _start = 0;
            _end = length;
        }

        return _array.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    public void Consume(long count)
    {
        _start += checked((int)count);
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }
}
