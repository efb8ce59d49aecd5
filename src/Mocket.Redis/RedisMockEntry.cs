using System.Globalization;
using System.Text;
using MocketNet.Redis.Codec;
using MocketNet.Redis.Matching;

namespace MocketNet.Redis;

/// <summary>
/// A Redis entry: answers the commands whose tokens match its command string's (split like a POSIX shell, verb
/// case-insensitive, arguments byte for byte), with its responses in order, the last repeating (see
/// <see cref="RedisMockResponse"/>). Each argument may be a Redis glob, as KEYS and SCAN MATCH read it (<c>*</c>,
/// <c>?</c>, <c>[a-z]</c>, <c>[^a]</c>, <c>\x</c>): <c>GET user:*</c>. A last token <c>...</c> matches any further
/// arguments, none included: <c>HSET cache:* ...</c>. (To match a literal <c>*</c> or <c>...</c>, escape it inside
/// single quotes: <c>GET 'a\*'</c>, <c>ECHO '\...'</c>.)
/// </summary>
public sealed class RedisMockEntry : MocketEntry<RedisMockRequest, RedisMockResponse>
{
    /// <summary>The last token that matches any further arguments.</summary>
    public const string AnyFurtherArguments = "...";

    private Parsed? _parsed; // the command's tokens, read on first use: most entries are registered, and many never see a request

    /// <summary>Creates an entry.</summary>
    /// <param name="host">The host clients connect to (MockRedis uses <c>localhost</c>).</param>
    /// <param name="port">The port clients connect to (MockRedis uses 6379).</param>
    /// <param name="command">The command matched, such as <c>GET foo</c> or <c>SET snowman "is ☃!"</c>.</param>
    /// <param name="responses">At least one response.</param>
    /// <exception cref="ArgumentException">The command is empty or badly quoted, or there are no responses.</exception>
    public RedisMockEntry(string host, int port, string command, IEnumerable<RedisMockResponse> responses)
        : base(host, port, RedisMockProtocol.Instance, responses)
    {
        // Checked now (a badly quoted or empty command fails its registration); split when first needed.
        if (CommandLine.CountTokens(command) == 0)
        {
            throw new ArgumentException(
                "A Redis entry needs a command to match, such as \"GET foo\", but the command was empty.", nameof(command));
        }

        CommandText = command;
    }

    /// <summary>The command string as registered.</summary>
    public string CommandText { get; }

    /// <summary>The verb matched, upper-cased.</summary>
    public string Verb => Command.Verb;

    /// <summary>The arguments matched, UTF-8 encoded (each a value, or a glob pattern), without a last <c>...</c>.</summary>
    public IReadOnlyList<byte[]> Arguments => Command.Arguments;

    /// <summary>Whether the command ends in <c>...</c>: requests may send any further arguments after <see cref="Arguments"/>.</summary>
    public bool MatchesFurtherArguments => Command.MatchesFurtherArguments;

    private Parsed Command => Volatile.Read(ref _parsed) ?? Parse();

    /// <summary>Whether <paramref name="request"/> is this command: same verb, each argument equal or matching its pattern.</summary>
    /// <param name="request">A request at this entry's location.</param>
    public override bool CanHandle(RedisMockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = Command;
        if (!string.Equals(request.Command, command.Verb, StringComparison.Ordinal) || !command.CountMatches(request.Arguments.Count))
        {
            return false;
        }

        for (var i = 0; i < command.Arguments.Length; i++)
        {
            if (!command.ArgumentMatches(i, request.Arguments[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string? ExplainMismatch(RedisMockRequest request)
    {
        var command = Command;
        if (!string.Equals(request.Command, command.Verb, StringComparison.Ordinal))
        {
            return $"the verb is {request.Command}, not {command.Verb}";
        }

        if (!command.CountMatches(request.Arguments.Count))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{request.Arguments.Count} argument(s) sent, {(command.MatchesFurtherArguments ? "at least " : string.Empty)}{command.Arguments.Length} expected");
        }

        var index = Enumerable.Range(0, command.Arguments.Length).First(i => !command.ArgumentMatches(i, request.Arguments[i]));
        var sent = CommandLine.Quote(Encoding.UTF8.GetString(request.Arguments[index]));
        var expected = CommandLine.Quote(Encoding.UTF8.GetString(command.Arguments[index]));
        var position = (index + 1).ToString(CultureInfo.InvariantCulture);
        return command.IsPattern[index] ? $"argument {position} is {sent}, which does not match the pattern {expected}" : $"argument {position} is {sent}, not {expected}";
    }

    /// <summary>The entry as reports show it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RedisMockEntry(location={Location}, command='{CommandText}', responses={Responses.Count})");

    /// <summary>
    /// An entry whose replies are any values <see cref="Resp.Encode(object?)"/> accepts (null is nil), exceptions (the
    /// connection drops) or <c>Func&lt;RedisMockRequest, object?&gt;</c> callbacks: see <see cref="RedisMockResponse.Value"/>.
    /// </summary>
    /// <param name="host">The host clients connect to.</param>
    /// <param name="port">The port clients connect to.</param>
    /// <param name="command">The command matched.</param>
    /// <param name="responses">At least one reply.</param>
    /// <exception cref="ArgumentException">The command is empty or badly quoted, or a reply cannot be sent as RESP (its number is named).</exception>
    public static RedisMockEntry Create(string host, int port, string command, IEnumerable<object?> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses is IReadOnlyList<object?> list)
        {
            // The usual case (MockRedis.Register's params array): no list to grow.
            var array = new RedisMockResponse[list.Count];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = Reply(list[i], i, command, nameof(responses));
            }

            return new RedisMockEntry(host, port, command, array);
        }

        var replies = new List<RedisMockResponse>();
        foreach (var response in responses)
        {
            replies.Add(Reply(response, replies.Count, command, nameof(responses)));
        }

        return new RedisMockEntry(host, port, command, replies);
    }

    private static RedisMockResponse Reply(object? response, int index, string command, string parameterName)
    {
        try
        {
            return RedisMockResponse.Value(response);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Response #{index + 1} for '{command}' cannot be sent: {ex.Message}"), parameterName, ex);
        }
    }

    private Parsed Parse()
    {
        // Every thread that gets here parses the same command; the first to finish is kept.
        var parsed = new Parsed(CommandLine.Split(CommandText));
        return Interlocked.CompareExchange(ref _parsed, parsed, null) ?? parsed;
    }

    /// <summary>The next reply in order; one made with <see cref="RedisMockResponse.From"/> is computed from the request.</summary>
    /// <param name="request">The request answered.</param>
    protected override RedisMockResponse Answer(RedisMockRequest request)
    {
        var response = Next();
        return response.Callback is { } compute ? compute(request) ?? RedisMockResponse.Nil : response;
    }

    /// <summary>The command's tokens as matched: the verb, the arguments (values or patterns), and a last <c>...</c>.</summary>
    private sealed class Parsed
    {
        public Parsed(List<string> tokens)
        {
            Verb = tokens[0].ToUpperInvariant();
            MatchesFurtherArguments = tokens.Count > 1 && tokens[^1] == AnyFurtherArguments;
            Arguments = [.. tokens.Skip(1).Take(tokens.Count - 1 - (MatchesFurtherArguments ? 1 : 0)).Select(Encoding.UTF8.GetBytes)];
            IsPattern = [.. Arguments.Select(a => RedisGlob.IsPattern(a))];
        }

        public string Verb { get; }

        public bool MatchesFurtherArguments { get; }

        public byte[][] Arguments { get; }

        public bool[] IsPattern { get; }

        public bool CountMatches(int count) => MatchesFurtherArguments ? count >= Arguments.Length : count == Arguments.Length;

        public bool ArgumentMatches(int index, byte[] sent) =>
            IsPattern[index] ? RedisGlob.IsMatch(Arguments[index], sent) : sent.AsSpan().SequenceEqual(Arguments[index]);
    }
}
