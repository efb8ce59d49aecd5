using System.Buffers;

namespace MocketNet.Http.Tests.Support;

/// <summary>Byte sequences split into segments at chosen points, to test parsers at every split.</summary>
public static class Sequences
{
    public static ReadOnlySequence<byte> Split(byte[] data, int at)
    {
        if (at <= 0 || at >= data.Length)
        {
            return new ReadOnlySequence<byte>(data);
        }

        var first = new Segment(data.AsMemory(0, at), 0);
        var last = first.Append(data.AsMemory(at));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
