using System.Buffers;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Recording;

/// <summary>
/// The canonical form of a recorded Redis request: every command in the bytes (RESP arrays or inline
/// commands, as a server reads them) re-written as a RESP array of bulk strings with the verb upper-cased —
/// exactly what redis-py and StackExchange.Redis send, so signatures agree with recordings Python mocket made.
/// </summary>
internal static class RecordedCommands
{
    // The reader wants a location for the requests it makes; recorded bytes have none of their own.
    private static readonly MocketLocation s_nowhere = new("recording", 1);

    /// <summary>The commands in <paramref name="bytes"/>; false when they are not whole, well-formed commands.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> bytes, out List<RecordedCommand> commands)
    {
        commands = [];
        var buffer = new ReadOnlySequence<byte>(bytes);
        var reader = new RedisCommandReader(s_nowhere);
        try
        {
            while (!buffer.IsEmpty)
            {
                if (!reader.TryRead(ref buffer, out var request))
                {
                    // Only blank lines are left, or the last command is cut short.
                    break;
                }

                commands.Add(new RecordedCommand(request.Command, [.. request.Arguments]));
            }
        }
        catch (RespFormatException)
        {
            return false;
        }

        return commands.Count > 0 && !buffer.ToArray().AsSpan().ContainsAnyExcept((byte)'\r', (byte)'\n');
    }

    public static byte[] Encode(IEnumerable<RecordedCommand> commands)
    {
        var output = new ArrayBufferWriter<byte>(64);
        foreach (var command in commands)
        {
            RespWriter.WriteArrayHeader(output, command.Arguments.Length + 1);
            RespWriter.WriteBulk(output, command.Verb);
            foreach (var argument in command.Arguments)
            {
                RespWriter.WriteBulk(output, argument);
            }
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Parses, transforms and re-encodes; the bytes unchanged when they do not parse.</summary>
    public static ReadOnlyMemory<byte> Rewrite(ReadOnlyMemory<byte> bytes, Func<RecordedCommand, RecordedCommand?> transform) =>
        TryParse(bytes, out var commands)
            ? Encode(commands.Select(transform).OfType<RecordedCommand>())
            : bytes;
}
