using System.Buffers;

namespace MocketNet.Tests.Shared;

/// <summary>Builds multi-segment sequences, so parsers are tested across buffer boundaries.</summary>
public static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < data.Length).Distinct().Order().Prepend(0).Append(data.Length).ToArray();
        if (bounds.Length == 2)
        {
            return new ReadOnlySequence<byte>(data);
        }

        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            var memory = data.AsMemory(bounds[i], bounds[i + 1] - bounds[i]).ToArray();
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
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
