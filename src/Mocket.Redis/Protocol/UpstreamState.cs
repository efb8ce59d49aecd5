using System.Globalization;
using System.Text;
using MocketNet.Redis.Recording;

namespace MocketNet.Redis.Protocol;

/// <summary>
/// The connection state a command was sent in that the real server must share for the command to mean the
/// same there: the protocol version (HELLO 3), the credentials (AUTH, or HELLO's AUTH) and the database
/// (SELECT). The session answers those commands itself, so a passed-through command carries them as a prefix.
/// </summary>
internal readonly record struct UpstreamState(int Protocol, byte[]? User, byte[]? Password, int Database)
{
    private static readonly byte[] s_defaultUser = "default"u8.ToArray();

    /// <summary>RESP2, no credentials, database 0: nothing to carry.</summary>
    public bool IsDefault => Protocol < 3 && Password is null && Database == 0;

    /// <summary>The commands that put a fresh connection in this state; empty when it is the default one.</summary>
    public IReadOnlyList<RecordedCommand> Prefix()
    {
        if (IsDefault)
        {
            return [];
        }

        var prefix = new List<RecordedCommand>(2);
        if (Protocol >= 3)
        {
            prefix.Add(new RecordedCommand("HELLO", Password is null ? [[(byte)'3']] : [[(byte)'3'], "AUTH"u8.ToArray(), User ?? s_defaultUser, Password]));
        }
        else if (Password is not null)
        {
            prefix.Add(new RecordedCommand("AUTH", User is null ? [Password] : [User, Password]));
        }

        if (Database != 0)
        {
            prefix.Add(new RecordedCommand("SELECT", [Encoding.ASCII.GetBytes(Database.ToString(CultureInfo.InvariantCulture))]));
        }

        return prefix;
    }

    /// <summary>What the real server is sent for <paramref name="command"/>: the state's prefix, then the command.</summary>
    public ReadOnlyMemory<byte> Request(ReadOnlyMemory<byte> command) =>
        IsDefault ? command : (byte[])[.. RecordedCommands.Encode(Prefix()), .. command.Span];
}
