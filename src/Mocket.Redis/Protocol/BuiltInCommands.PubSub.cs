using System.Buffers;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Protocol;

/// <summary>SUBSCRIBE and its kin, and PUBLISH/SPUBLISH, across the connections of one scope (<see cref="PubSubHub"/>).</summary>
internal static partial class BuiltInCommands
{
    private static IEnumerable<BuiltInCommand> PubSubCommands() =>
    [
        new("SUBSCRIBE", (session, command, output) => Subscribe(session, SubscriptionKind.Channel, command, output)),
        new("PSUBSCRIBE", (session, command, output) => Subscribe(session, SubscriptionKind.Pattern, command, output)),
        new("SSUBSCRIBE", (session, command, output) => Subscribe(session, SubscriptionKind.Shard, command, output)),
        new("UNSUBSCRIBE", (session, command, output) => Unsubscribe(session, SubscriptionKind.Channel, command.Arguments, output, reply: true)),
        new("PUNSUBSCRIBE", (session, command, output) => Unsubscribe(session, SubscriptionKind.Pattern, command.Arguments, output, reply: true)),
        new("SUNSUBSCRIBE", (session, command, output) => Unsubscribe(session, SubscriptionKind.Shard, command.Arguments, output, reply: true)),
        new("PUBLISH", PublishCommand),
        new("SPUBLISH", PublishCommand),
    ];

    /// <summary>
    /// Finds the subscribers a PUBLISH reaches and queues a message frame for each (frames for the publishing
    /// connection itself go straight into <paramref name="output"/>, before the reply); returns how many it reached.
    /// </summary>
    public static int Publish(RedisMockSession session, RedisMockRequest command, ArrayBufferWriter<byte> output)
    {
        var (channel, message) = (command.Arguments[0], command.Arguments[1]);
        var kind = command.Command == "SPUBLISH" ? SubscriptionKind.Shard : SubscriptionKind.Channel;
        var matches = session.Hub.Match(kind, channel);
        foreach (var (subscriber, subscription) in matches)
        {
            var frame = new ArrayBufferWriter<byte>();
            WriteHeader(frame, subscriber.State.Protocol, subscription.Kind == SubscriptionKind.Pattern ? 4 : 3);
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
                session.Deliver(subscriber, frame.WrittenSpan.ToArray());
            }
        }

        return matches.Count;
    }

    private static void PublishCommand(RedisMockSession session, RedisMockRequest command, ArrayBufferWriter<byte> output)
    {
        if (command.Arguments.Count != 2)
        {
            WrongArity(output, command.Command.ToLowerInvariant());
            return;
        }

        RespWriter.WriteInteger(output, Publish(session, command, output));
    }

    private static void Subscribe(RedisMockSession session, SubscriptionKind kind, RedisMockRequest command, ArrayBufferWriter<byte> output)
    {
        if (command.Arguments.Count == 0)
        {
            WrongArity(output, command.Command.ToLowerInvariant());
            return;
        }

        session.Hub.Add(session);
        foreach (var name in command.Arguments)
        {
            var count = session.State.Subscriptions.Add(kind, name);
            WriteHeader(output, session.State.Protocol, 3);
            RespWriter.WriteBulk(output, command.Command.ToLowerInvariant());
            RespWriter.WriteBulk(output, name);
            RespWriter.WriteInteger(output, count);
        }
    }

    private static void Unsubscribe(RedisMockSession session, SubscriptionKind kind, IReadOnlyList<byte[]> names, ArrayBufferWriter<byte> output, bool reply)
    {
        var verb = kind switch
        {
            SubscriptionKind.Pattern => "punsubscribe",
            SubscriptionKind.Shard => "sunsubscribe",
            _ => "unsubscribe",
        };
        var subscriptions = session.State.Subscriptions;
        var targets = names.Count > 0 ? names : subscriptions.Names(kind);
        if (targets.Count == 0 && reply)
        {
            WriteHeader(output, session.State.Protocol, 3);
            RespWriter.WriteBulk(output, verb);
            RespEncoder.Encode(null, output, session.State.Protocol);
            RespWriter.WriteInteger(output, subscriptions.Count);
        }

        foreach (var name in targets)
        {
            var count = subscriptions.Remove(kind, name);
            if (reply)
            {
                WriteHeader(output, session.State.Protocol, 3);
                RespWriter.WriteBulk(output, verb);
                RespWriter.WriteBulk(output, name);
                RespWriter.WriteInteger(output, count);
            }
        }

        if (subscriptions.Count == 0)
        {
            session.Hub.Remove(session);
        }
    }

    /// <summary>A pub/sub frame's header: a push in RESP3, an array in RESP2.</summary>
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
}
