using System.Buffers;
using System.Globalization;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Server;

/// <summary>
/// The commands a Redis session answers by itself when no entry handles them: the client's handshake and
/// housekeeping (HELLO, AUTH, CLIENT, CONFIG GET, INFO, SENTINEL, CLUSTER, ROLE, COMMAND, the TieBreak GET,
/// ECHO, PING, SELECT, QUIT), transactions (MULTI, EXEC, DISCARD, WATCH, UNWATCH) and pub/sub. A standalone
/// Redis 7.4 master with no cluster and no sentinel is what they describe.
/// </summary>
internal static class BuiltInCommands
{
    private const string TieBreakKey = "__Booksleeve_TieBreak";
    private const string ClusterDisabled = "ERR This instance has cluster support disabled";

    public static bool Handles(RedisMockRequest command) => command.Command switch
    {
        "HELLO" or "AUTH" or "CLIENT" or "INFO" or "SENTINEL" or "CLUSTER" or "READONLY" or "READWRITE" or "ROLE" or "COMMAND"
            or "ECHO" or "PING" or "SELECT" or "QUIT" or "RESET" => true,
        "CONFIG" => command.Arguments.Count > 0 && Ascii(command.Arguments[0]) is "GET" or "SET" or "RESETSTAT" or "REWRITE",
        "MULTI" or "EXEC" or "DISCARD" or "WATCH" or "UNWATCH" => true,
        "SUBSCRIBE" or "UNSUBSCRIBE" or "PSUBSCRIBE" or "PUNSUBSCRIBE" or "SSUBSCRIBE" or "SUNSUBSCRIBE" or "PUBLISH" or "SPUBLISH" => true,
        "GET" => command.Arguments.Count == 1 && command.Arguments[0].AsSpan().SequenceEqual(Encoding.ASCII.GetBytes(TieBreakKey)),
        _ => false,
    };

    public static void Write(RedisProtocolSession session, RedisMockRequest command, ArrayBufferWriter<byte> output, ref List<(RedisProtocolSession, byte[])>? deliveries)
    {
        var args = command.Arguments;
        var protocol = session.Protocol;
        switch (command.Command)
        {
            case "HELLO":
                Hello(session, args, output);
                break;
            case "AUTH" when args.Count is 1 or 2:
                // Kept for pass-through: the real server gets the same credentials before each command.
                (session.AuthUser, session.AuthPassword) = args.Count == 2 ? (args[0], args[1]) : (null, args[0]);
                RespWriter.WriteSimpleString(output, "OK");
                break;
            case "AUTH":
                WrongArity(output, "auth");
                break;
            case "SELECT" when IsDatabase(args):
                session.Database = int.Parse(Ascii(args[0]), CultureInfo.InvariantCulture);
                RespWriter.WriteSimpleString(output, "OK");
                break;
            case "SELECT":
                RespWriter.WriteError(output, "ERR DB index is out of range");
                break;
            case "CLIENT":
                Client(session, args, output);
                break;
            case "CONFIG":
                Config(args, output, protocol);
                break;
            case "INFO":
                RespWriter.WriteBulk(output, ServerInfo.Info(session.ClientId, 1));
                break;
            case "SENTINEL":
                RespWriter.WriteError(output, $"ERR unknown command 'SENTINEL', with args beginning with: {string.Join(' ', args.Select(a => $"'{Ascii(a)}'"))}");
                break;
            case "CLUSTER" or "READONLY" or "READWRITE":
                RespWriter.WriteError(output, ClusterDisabled);
                break;
            case "ROLE":
                RespEncoder.Encode(new object[] { "master", 0, Array.Empty<object>() }, output, protocol);
                break;
            case "COMMAND":
                RespEncoder.Encode(
                    args.Count > 0 && Ascii(args[0]) == "COUNT" ? 0 : args.Count > 0 && Ascii(args[0]) == "DOCS" ? new Dictionary<string, object>() : Array.Empty<object>(),
                    output, protocol);
                break;
            case "ECHO":
                if (args.Count == 1)
                {
                    RespWriter.WriteBulk(output, args[0]);
                }
                else
                {
                    WrongArity(output, "echo");
                }

                break;
            case "PING":
                Ping(session, args, output);
                break;
            case "QUIT":
                RespWriter.WriteSimpleString(output, "OK");
                break;
            case "RESET":
                session.EndTransaction();
                session.Protocol = 2;
                session.Database = 0;
                (session.AuthUser, session.AuthPassword) = (null, null);
                Unsubscribe(session, SubscriptionKind.Channel, [], output, reply: false);
                Unsubscribe(session, SubscriptionKind.Pattern, [], output, reply: false);
                Unsubscribe(session, SubscriptionKind.Shard, [], output, reply: false);
                RespWriter.WriteSimpleString(output, "RESET");
                break;
            case "GET":
                RespEncoder.Encode(null, output, protocol);
                break;
            case "PUBLISH" or "SPUBLISH" when args.Count == 2:
                RespWriter.WriteInteger(output, Publish(session, command, output, ref deliveries));
                break;
            case "PUBLISH" or "SPUBLISH":
                WrongArity(output, command.Command.ToLowerInvariant());
                break;
            default:
                Transactions(session, command, output);
                break;
        }
    }

    /// <summary>
    /// Finds the subscribers a PUBLISH reaches and queues a message frame for each (frames for the
    /// publishing connection itself go straight into <paramref name="output"/>, before the reply).
    /// </summary>
    public static int Publish(RedisProtocolSession session, RedisMockRequest command, ArrayBufferWriter<byte> output, ref List<(RedisProtocolSession, byte[])>? deliveries)
    {
        var (channel, message) = (command.Arguments[0], command.Arguments[1]);
        var kind = command.Command == "SPUBLISH" ? SubscriptionKind.Shard : SubscriptionKind.Channel;
        var matches = session.Hub.Match(kind, channel);
        foreach (var (subscriber, subscription) in matches)
        {
            var frame = new ArrayBufferWriter<byte>();
            WriteHeader(frame, subscriber.Protocol, subscription.Kind == SubscriptionKind.Pattern ? 4 : 3);
            RespWriter.WriteBulk(frame, subscription.Kind switch
            {
                SubscriptionKind.Pattern => "pmessage"u8,
                SubscriptionKind.Shard => "smessage"u8,
                _ => "message"u8,
            });
            if (subscription.Kind == SubscriptionKind.Pattern)
            {
                RespWriter.WriteBulk(frame, subscription.Name);
            }

            RespWriter.WriteBulk(frame, channel);
            RespWriter.WriteBulk(frame, message);
            if (ReferenceEquals(subscriber, session))
            {
                output.Write(frame.WrittenSpan);
            }
            else
            {
                (deliveries ??= []).Add((subscriber, frame.WrittenSpan.ToArray()));
            }
        }

        return matches.Count;
    }

    private static void Transactions(RedisProtocolSession session, RedisMockRequest command, ArrayBufferWriter<byte> output)
    {
        switch (command.Command)
        {
            case "MULTI" when session.InMulti:
                RespWriter.WriteError(output, "ERR MULTI calls can not be nested");
                break;
            case "MULTI":
                session.StartTransaction();
                RespWriter.WriteSimpleString(output, "OK");
                break;
            case "EXEC" or "DISCARD" when !session.InMulti:
                RespWriter.WriteError(output, $"ERR {command.Command} without MULTI");
                break;
            case "EXEC":
                var queued = session.EndTransaction();
                if (queued is null)
                {
                    RespWriter.WriteError(output, "EXECABORT Transaction discarded because of previous errors.");
                    break;
                }

                RespWriter.WriteArrayHeader(output, queued.Count);
                foreach (var reply in queued)
                {
                    output.Write(reply);
                }

                break;
            case "DISCARD":
                session.EndTransaction();
                RespWriter.WriteSimpleString(output, "OK");
                break;
            case "WATCH" when session.InMulti:
                RespWriter.WriteError(output, "ERR WATCH inside MULTI is not allowed");
                break;
            case "WATCH" or "UNWATCH":
                RespWriter.WriteSimpleString(output, "OK");
                break;
            default:
                Subscribe(session, command, output);
                break;
        }
    }

    private static void Subscribe(RedisProtocolSession session, RedisMockRequest command, ArrayBufferWriter<byte> output)
    {
        var (kind, subscribing) = command.Command switch
        {
            "SUBSCRIBE" => (SubscriptionKind.Channel, true),
            "PSUBSCRIBE" => (SubscriptionKind.Pattern, true),
            "SSUBSCRIBE" => (SubscriptionKind.Shard, true),
            "UNSUBSCRIBE" => (SubscriptionKind.Channel, false),
            "PUNSUBSCRIBE" => (SubscriptionKind.Pattern, false),
            _ => (SubscriptionKind.Shard, false),
        };
        if (!subscribing)
        {
            Unsubscribe(session, kind, command.Arguments, output, reply: true);
            return;
        }

        if (command.Arguments.Count == 0)
        {
            WrongArity(output, command.Command.ToLowerInvariant());
            return;
        }

        session.Hub.Add(session);
        foreach (var name in command.Arguments)
        {
            var count = session.Subscriptions.Add(kind, name);
            WriteHeader(output, session.Protocol, 3);
            RespWriter.WriteBulk(output, command.Command.ToLowerInvariant());
            RespWriter.WriteBulk(output, name);
            RespWriter.WriteInteger(output, count);
        }
    }

    private static void Unsubscribe(RedisProtocolSession session, SubscriptionKind kind, IReadOnlyList<byte[]> names, ArrayBufferWriter<byte> output, bool reply)
    {
        var verb = kind switch
        {
            SubscriptionKind.Pattern => "punsubscribe",
            SubscriptionKind.Shard => "sunsubscribe",
            _ => "unsubscribe",
        };
        var targets = names.Count > 0 ? names : session.Subscriptions.Names(kind);
        if (targets.Count == 0 && reply)
        {
            WriteHeader(output, session.Protocol, 3);
            RespWriter.WriteBulk(output, verb);
            RespEncoder.Encode(null, output, session.Protocol);
            RespWriter.WriteInteger(output, session.Subscriptions.Count);
        }

        foreach (var name in targets)
        {
            var count = session.Subscriptions.Remove(kind, name);
            if (reply)
            {
                WriteHeader(output, session.Protocol, 3);
                RespWriter.WriteBulk(output, verb);
                RespWriter.WriteBulk(output, name);
                RespWriter.WriteInteger(output, count);
            }
        }

        if (session.Subscriptions.Count == 0)
        {
            session.Hub.Remove(session);
        }
    }

    private static void Hello(RedisProtocolSession session, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        if (args.Count > 0)
        {
            var version = Ascii(args[0]);
            if (version is not ("2" or "3"))
            {
                RespWriter.WriteError(output, "NOPROTO unsupported protocol version");
                return;
            }

            session.Protocol = version == "3" ? 3 : 2;
            for (var i = 1; i + 1 < args.Count; i++)
            {
                if (Ascii(args[i]) == "SETNAME")
                {
                    session.ClientName = Encoding.UTF8.GetString(args[i + 1]);
                }
                else if (Ascii(args[i]) == "AUTH" && i + 2 < args.Count)
                {
                    (session.AuthUser, session.AuthPassword) = (args[i + 1], args[i + 2]);
                }
            }
        }

        RespEncoder.Encode(
            new Dictionary<string, object>
            {
                ["server"] = "redis",
                ["version"] = ServerInfo.Version,
                ["proto"] = session.Protocol,
                ["id"] = session.ClientId,
                ["mode"] = "standalone",
                ["role"] = "master",
                ["modules"] = Array.Empty<object>(),
            },
            output,
            session.Protocol);
    }

    private static void Client(RedisProtocolSession session, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        var sub = args.Count > 0 ? Ascii(args[0]) : string.Empty;
        switch (sub)
        {
            case "ID":
                RespWriter.WriteInteger(output, session.ClientId);
                break;
            case "GETNAME":
                RespEncoder.Encode(session.ClientName, output, session.Protocol);
                break;
            case "SETNAME" when args.Count == 2:
                session.ClientName = Encoding.UTF8.GetString(args[1]);
                RespWriter.WriteSimpleString(output, "OK");
                break;
            case "INFO" or "LIST":
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"id={session.ClientId} addr=127.0.0.1:0 laddr=127.0.0.1:6379 name={session.ClientName} db=0 sub={session.Subscriptions.Count} multi={(session.InMulti ? 0 : -1)} resp={session.Protocol}\n");
                RespWriter.WriteBulk(output, line);
                break;
            default:
                // SETINFO, TRACKING, NO-EVICT, REPLY ON, KILL ...: accepted.
                RespWriter.WriteSimpleString(output, "OK");
                break;
        }
    }

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

    private static void Ping(RedisProtocolSession session, IReadOnlyList<byte[]> args, ArrayBufferWriter<byte> output)
    {
        if (args.Count > 1)
        {
            WrongArity(output, "ping");
        }
        else if (session.Subscriptions.Count > 0 && session.Protocol == 2)
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

    private static void WriteHeader(IBufferWriter<byte> output, int protocol, int count)
    {
        if (protocol >= 3)
        {
            RespWriter.WritePushHeader(output, count);
        }
        else
        {
            RespWriter.WriteArrayHeader(output, count);
        }
    }

    private static void WrongArity(IBufferWriter<byte> output, string verb) =>
        RespWriter.WriteError(output, $"ERR wrong number of arguments for '{verb}' command");

    private static bool IsDatabase(IReadOnlyList<byte[]> args) =>
        args.Count == 1 && int.TryParse(Ascii(args[0]), NumberStyles.None, CultureInfo.InvariantCulture, out var db) && db < ServerInfo.Databases;

    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes).ToUpperInvariant();
}
