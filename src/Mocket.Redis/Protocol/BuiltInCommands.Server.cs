using System.Buffers;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Protocol;

/// <summary>What a client asks about the server: CONFIG, INFO, SENTINEL, CLUSTER, ROLE, COMMAND, and StackExchange.Redis' TieBreak GET.</summary>
internal static partial class BuiltInCommands
{
    private const string ClusterDisabled = "ERR This instance has cluster support disabled";

    private static ReadOnlySpan<byte> TieBreakKey => "__Booksleeve_TieBreak"u8;

    private static IEnumerable<BuiltInCommand> ServerCommands() =>
    [
        new("CONFIG", (session, command, output) => Config(command.Arguments, output, session.State.Protocol),
            command => command.Arguments.Count > 0 && Ascii(command.Arguments[0]) is "GET" or "SET" or "RESETSTAT" or "REWRITE"),
        new("INFO", (session, _, output) => RespWriter.WriteBulk(output, ServerInfo.Info(session.State.ClientId, 1))),
        new("SENTINEL", (_, command, output) => RespWriter.WriteError(
            output, $"ERR unknown command 'SENTINEL', with args beginning with: {string.Join(' ', command.Arguments.Select(a => $"'{Ascii(a)}'"))}")),
        new("CLUSTER", (_, _, output) => RespWriter.WriteError(output, ClusterDisabled)),
        new("READONLY", (_, _, output) => RespWriter.WriteError(output, ClusterDisabled)),
        new("READWRITE", (_, _, output) => RespWriter.WriteError(output, ClusterDisabled)),
        new("ROLE", (session, _, output) => RespEncoder.Encode(new object[] { "master", 0, Array.Empty<object>() }, output, session.State.Protocol)),
        new("COMMAND", (session, command, output) => Command(command.Arguments, output, session.State.Protocol)),

        // The key StackExchange.Redis reads to break ties between primaries: none is set.
        new("GET", (session, _, output) => RespEncoder.Encode(null, output, session.State.Protocol),
            command => command.Arguments.Count == 1 && command.Arguments[0].AsSpan().SequenceEqual(TieBreakKey)),
    ];

    private static void Config(IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output, int protocol)
    {
        if (Ascii(args[0]) != "GET")
        {
            RespWriter.WriteSimpleString(output, "OK");
            return;
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in args.Skip(1).Select(Encoding.UTF8.GetString))
        {
            if (ServerInfo.Config(name) is { } value)
            {
                values[name] = value;
            }
        }

        RespEncoder.Encode(values, output, protocol);
    }

    private static void Command(IReadOnlyList<byte[]> args, IBufferWriter<byte> output, int protocol)
    {
        var sub = args.Count > 0 ? Ascii(args[0]) : string.Empty;
        object reply = sub switch
        {
            "COUNT" => 0,
            "DOCS" => new Dictionary<string, object>(),
            _ => Array.Empty<object>(),
        };
        RespEncoder.Encode(reply, output, protocol);
    }
}
