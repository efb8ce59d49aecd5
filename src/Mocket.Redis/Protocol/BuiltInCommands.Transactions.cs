using System.Buffers;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Protocol;

/// <summary>MULTI, EXEC, DISCARD, WATCH and UNWATCH, over the connection's <see cref="Transaction"/>.</summary>
internal static partial class BuiltInCommands
{
    private static IEnumerable<BuiltInCommand> TransactionCommands() =>
    [
        new("MULTI", (session, _, output) => Multi(session.State.Transaction, output)),
        new("EXEC", (session, _, output) => Exec(session.State.Transaction, output)),
        new("DISCARD", (session, _, output) => Discard(session.State.Transaction, output)),
        new("WATCH", (session, _, output) => Watch(session.State.Transaction, output)),
        new("UNWATCH", (_, _, output) => RespWriter.WriteSimpleString(output, "OK")),
    ];

    private static void Multi(Transaction transaction, IBufferWriter<byte> output)
    {
        if (transaction.InMulti)
        {
            RespWriter.WriteError(output, "ERR MULTI calls can not be nested");
            return;
        }

        transaction.Start();
        RespWriter.WriteSimpleString(output, "OK");
    }

    private static void Exec(Transaction transaction, IBufferWriter<byte> output)
    {
        if (!transaction.InMulti)
        {
            RespWriter.WriteError(output, "ERR EXEC without MULTI");
            return;
        }

        if (transaction.End() is not { } queued)
        {
            RespWriter.WriteError(output, "EXECABORT Transaction discarded because of previous errors.");
            return;
        }

        RespWriter.WriteArrayHeader(output, queued.Count);
        foreach (var reply in queued)
        {
            output.Write(reply);
        }
    }

    private static void Discard(Transaction transaction, IBufferWriter<byte> output)
    {
        if (!transaction.InMulti)
        {
            RespWriter.WriteError(output, "ERR DISCARD without MULTI");
            return;
        }

        transaction.End();
        RespWriter.WriteSimpleString(output, "OK");
    }

    private static void Watch(Transaction transaction, IBufferWriter<byte> output)
    {
        if (transaction.InMulti)
        {
            RespWriter.WriteError(output, "ERR WATCH inside MULTI is not allowed");
        }
        else
        {
            RespWriter.WriteSimpleString(output, "OK");
        }
    }
}
