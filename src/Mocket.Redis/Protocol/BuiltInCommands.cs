using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis.Protocol;

/// <summary>
/// The commands a Redis session answers by itself when no entry handles them: the client's handshake and
/// housekeeping (<c>BuiltInCommands.Connection.cs</c>, <c>BuiltInCommands.Server.cs</c>), transactions
/// (<c>BuiltInCommands.Transactions.cs</c>) and pub/sub (<c>BuiltInCommands.PubSub.cs</c>). A standalone Redis
/// 7.4 master with no cluster and no sentinel is what they describe. One table says which commands are
/// built in and how each is answered, so the two can never disagree.
/// </summary>
internal static partial class BuiltInCommands
{
    private static readonly FrozenDictionary<string, BuiltInCommand> s_commands =
        ConnectionCommands().Concat(ServerCommands()).Concat(TransactionCommands()).Concat(PubSubCommands())
            .ToFrozenDictionary(c => c.Verb, StringComparer.Ordinal);

    /// <summary>How a built-in command answers: its reply is written into the output for the session's connection.</summary>
    private delegate void Answer(RedisMockSession session, RedisMockRequest command, ArrayBufferWriter<byte> output);

    /// <summary>Whether the session answers <paramref name="command"/> itself (no entry handled it).</summary>
    public static bool Handles(RedisMockRequest command) =>
        s_commands.TryGetValue(command.Command, out var builtIn) && (builtIn.Applies is null || builtIn.Applies(command));

    /// <summary>Writes the built-in answer of a command for which <see cref="Handles"/> is true.</summary>
    public static void Write(RedisMockSession session, RedisMockRequest command, ArrayBufferWriter<byte> output) =>
        s_commands[command.Command].Write(session, command, output);

    private static void WrongArity(IBufferWriter<byte> output, string verb) =>
        RespWriter.WriteError(output, $"ERR wrong number of arguments for '{verb}' command");

    /// <summary>An argument as upper-case ASCII, for comparing subcommands and keywords.</summary>
    private static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes).ToUpperInvariant();

    /// <summary>A built-in command: its verb, when it applies (null: always) and its answer.</summary>
    private sealed record BuiltInCommand(string Verb, Answer Write, Func<RedisMockRequest, bool>? Applies = null);
}
