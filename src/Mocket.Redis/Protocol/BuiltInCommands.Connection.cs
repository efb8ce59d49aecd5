using System.Buffers;
using System.Globalization;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Protocol;

/// <summary>The connection's own commands: HELLO, AUTH, SELECT, CLIENT, ECHO, PING, QUIT and RESET.</summary>
internal static partial class BuiltInCommands
{
    private static IEnumerable<BuiltInCommand> ConnectionCommands() =>
    [
        new("HELLO", (session, command, output) => Hello(session.State, command.Arguments, output)),
        new("AUTH", (session, command, output) => Auth(session.State, command.Arguments, output)),
        new("SELECT", (session, command, output) => Select(session.State, command.Arguments, output)),
        new("CLIENT", (session, command, output) => Client(session.State, command.Arguments, output)),
        new("ECHO", (_, command, output) => Echo(command.Arguments, output)),
        new("PING", (session, command, output) => Ping(session.State, command.Arguments, output)),
        new("QUIT", (_, _, output) => RespWriter.WriteSimpleString(output, "OK")),
        new("RESET", (session, _, output) => Reset(session, output)),
    ];

    private static void Hello(RedisConnectionState state, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        if (args.Count > 0)
        {
            var version = Ascii(args[0]);
            if (version is not ("2" or "3"))
            {
                RespWriter.WriteError(output, "NOPROTO unsupported protocol version");
                return;
            }

            state.UseProtocol(version == "3" ? 3 : 2);
            for (var i = 1; i + 1 < args.Count; i++)
            {
                if (Ascii(args[i]) == "SETNAME")
                {
                    state.ClientName = Encoding.UTF8.GetString(args[i + 1]);
                }
                else if (Ascii(args[i]) == "AUTH" && i + 2 < args.Count)
                {
                    state.Authenticate(args[i + 1], args[i + 2]);
                }
            }
        }

        RespEncoder.Encode(
            new Dictionary<string, object>
            {
                ["server"] = "redis",
                ["version"] = ServerInfo.Version,
                ["proto"] = state.Protocol,
                ["id"] = state.ClientId,
                ["mode"] = "standalone",
                ["role"] = "master",
                ["modules"] = Array.Empty<object>(),
            },
            output,
            state.Protocol);
    }

    private static void Auth(RedisConnectionState state, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        if (args.Count is not (1 or 2))
        {
            WrongArity(output, "auth");
            return;
        }

        // Kept for pass-through: the real server gets the same credentials before each command.
        state.Authenticate(args.Count == 2 ? args[0] : null, args[^1]);
        RespWriter.WriteSimpleString(output, "OK");
    }

    private static void Select(RedisConnectionState state, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        if (args.Count == 1 && int.TryParse(Ascii(args[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var database) && database < ServerInfo.Databases)
        {
            state.Select(database);
            RespWriter.WriteSimpleString(output, "OK");
        }
        else
        {
            RespWriter.WriteError(output, "ERR DB index is out of range");
        }
    }

    private static void Client(RedisConnectionState state, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        var sub = args.Count > 0 ? Ascii(args[0]) : string.Empty;
        switch (sub)
        {
            case "ID":
                RespWriter.WriteInteger(output, state.ClientId);
                break;
            case "GETNAME":
                RespEncoder.Encode(state.ClientName, output, state.Protocol);
                break;
            case "SETNAME" when args.Count == 2:
                state.ClientName = Encoding.UTF8.GetString(args[1]);
                RespWriter.WriteSimpleString(output, "OK");
                break;
            case "INFO" or "LIST":
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"id={state.ClientId} addr=127.0.0.1:0 laddr=127.0.0.1:6379 name={state.ClientName} db=0 sub={state.Subscriptions.Count} multi={(state.Transaction.InMulti ? 0 : -1)} resp={state.Protocol}\n");
                RespWriter.WriteBulk(output, line);
                break;
            default:
                // SETINFO, TRACKING, NO-EVICT, REPLY ON, KILL ...: accepted.
                RespWriter.WriteSimpleString(output, "OK");
                break;
        }
    }

    private static void Echo(IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        if (args.Count == 1)
        {
            RespWriter.WriteBulk(output, args[0]);
        }
        else
        {
            WrongArity(output, "echo");
        }
    }

    private static void Ping(RedisConnectionState state, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        if (args.Count > 1)
        {
            WrongArity(output, "ping");
        }
        else if (state.Subscriptions.Count > 0 && state.Protocol == 2)
        {
            // A RESP2 connection in subscribed mode answers PING as a two-item array.
            RespWriter.WriteArrayHeader(output, 2);
            RespWriter.WriteBulk(output, "pong");
            RespWriter.WriteBulk(output, args.Count == 1 ? args[0] : []);
        }
        else if (args.Count == 1)
        {
            RespWriter.WriteBulk(output, args[0]);
        }
        else
        {
            RespWriter.WriteSimpleString(output, "PONG");
        }
    }

    private static void Reset(RedisMockSession session, ArrayBufferWriter<byte> output)
    {
        session.State.Reset();
        foreach (var kind in (ReadOnlySpan<SubscriptionKind>)[SubscriptionKind.Channel, SubscriptionKind.Pattern, SubscriptionKind.Shard])
        {
            Unsubscribe(session, kind, [], output, reply: false);
        }

        RespWriter.WriteSimpleString(output, "RESET");
    }
}
