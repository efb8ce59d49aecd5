using System.Text;

namespace MocketNet.Redis;

/// <summary>
/// One Redis command a client sent: <see cref="Command"/> is the verb upper-cased, <see cref="Arguments"/>
/// the rest, and <see cref="MocketRequest.Data"/> the exact RESP bytes of that one command.
/// </summary>
public sealed class RedisMockRequest : MocketRequest
{
    private const int MaxShownLength = 200;
    private string? _text;

    /// <summary>Creates a request (packs and tests; the Redis session makes these from the wire).</summary>
    /// <param name="host">The host the client asked for.</param>
    /// <param name="port">The port the client asked for.</param>
    /// <param name="data">The exact bytes of the command.</param>
    /// <param name="command">The verb, upper-cased.</param>
    /// <param name="arguments">The arguments after the verb.</param>
    public RedisMockRequest(string host, int port, ReadOnlyMemory<byte> data, string command, IReadOnlyList<byte[]> arguments)
        : base(host, port, data)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        Command = command;
        Arguments = arguments;
    }

    /// <summary>The command's verb, upper-cased (<c>GET</c>, <c>SET</c>, <c>HGETALL</c>).</summary>
    public string Command { get; }

    /// <summary>The arguments after the verb, binary-safe.</summary>
    public IReadOnlyList<byte[]> Arguments { get; }

    /// <summary>The arguments as UTF-8 text.</summary>
    public IReadOnlyList<string> ArgumentsText => [.. Arguments.Select(a => Encoding.UTF8.GetString(a))];

    /// <summary>The command as one line, arguments quoted where needed: <c>SET snowman "is ☃!"</c>.</summary>
    public string Text => _text ??= string.Join(' ', Arguments.Select(a => CommandLine.Quote(Encoding.UTF8.GetString(a))).Prepend(Command));

    /// <summary>The command line, at most 200 characters (shown in reports instead of the RESP framing).</summary>
    public override string FirstLine => Text.Length <= MaxShownLength ? Text : Text[..MaxShownLength];

    /// <summary>The request as a report shows it.</summary>
    public override string ToString() => $"RedisMockRequest(location={Location}, command='{FirstLine}')";
}
