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

    private readonly byte[][] _arguments;
    private readonly bool[] _isPattern;

    /// <summary>Creates an entry.</summary>
    /// <param name="host">The host clients connect to (MockRedis uses <c>localhost</c>).</param>
    /// <param name="port">The port clients connect to (MockRedis uses 6379).</param>
    /// <param name="command">The command matched, such as <c>GET foo</c> or <c>SET snowman "is ☃!"</c>.</param>
    /// <param name="responses">At least one response.</param>
    /// <exception cref="ArgumentException">The command is empty or badly quoted, or there are no responses.</exception>
    public RedisMockEntry(string host, int port, string command, IEnumerable<RedisMockResponse> responses)
        : base(host, port, RedisMockProtocol.Instance, responses)
    {
        var tokens = CommandLine.Split(command);
        if (tokens.Count == 0)
        {
            throw new ArgumentException(
                "A Redis entry needs a command to match, such as \"GET foo\", but the command was empty.", nameof(command));
        }

        CommandText = command;
        Verb = tokens[0].ToUpperInvariant();
        MatchesFurtherArguments = tokens.Count > 1 && tokens[^1] == AnyFurtherArguments;
        _arguments = [.. tokens.Skip(1).Take(tokens.Count - 1 - (MatchesFurtherArguments ? 1 : 0)).Select(Encoding.UTF8.GetBytes)];
        _isPattern = [.. _arguments.Select(a => RedisGlob.IsPattern(a))];
    }

    /// <summary>The command string as registered.</summary>
    public string CommandText { get; }

    /// <summary>The verb matched, upper-cased.</summary>
    public string Verb { get; }

    /// <summary>The arguments matched, UTF-8 encoded (each a value, or a glob pattern), without a last <c>...</c>.</summary>
    public IReadOnlyList<byte[]> Arguments => _arguments;

    /// <summary>Whether the command ends in <c>...</c>: requests may send any further arguments after <see cref="Arguments"/>.</summary>
    public bool MatchesFurtherArguments { get; }

    /// <summary>Whether <paramref name="request"/> is this command: same verb, each argument equal or matching its pattern.</summary>
    /// <param name="request">A request at this entry's location.</param>
    public override bool CanHandle(RedisMockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Command, Verb, StringComparison.Ordinal) || !CountMatches(request.Arguments.Count))
        {
            return false;
        }

        for (var i = 0; i < _arguments.Length; i++)
        {
            if (!ArgumentMatches(i, request.Arguments[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string? ExplainMismatch(RedisMockRequest request)
    {
        if (!string.Equals(request.Command, Verb, StringComparison.Ordinal))
        {
            return $"the verb is {request.Command}, not {Verb}";
        }

        if (!CountMatches(request.Arguments.Count))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{request.Arguments.Count} argument(s) sent, {(MatchesFurtherArguments ? "at least " : string.Empty)}{_arguments.Length} expected");
        }

        var index = Enumerable.Range(0, _arguments.Length).First(i => !ArgumentMatches(i, request.Arguments[i]));
        var sent = CommandLine.Quote(Encoding.UTF8.GetString(request.Arguments[index]));
        var expected = CommandLine.Quote(Encoding.UTF8.GetString(_arguments[index]));
        var position = (index + 1).ToString(CultureInfo.InvariantCulture);
        return _isPattern[index] ? $"argument {position} is {sent}, which does not match the pattern {expected}" : $"argument {position} is {sent}, not {expected}";
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
        var replies = new List<RedisMockResponse>();
        foreach (var response in responses)
        {
            try
            {
                replies.Add(RedisMockResponse.Value(response));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Response #{replies.Count + 1} for '{command}' cannot be sent: {ex.Message}"), nameof(responses), ex);
            }
        }

        return new RedisMockEntry(host, port, command, replies);
    }

    private bool CountMatches(int count) => MatchesFurtherArguments ? count >= _arguments.Length : count == _arguments.Length;

    private bool ArgumentMatches(int index, byte[] sent) =>
        _isPattern[index] ? RedisGlob.IsMatch(_arguments[index], sent) : sent.AsSpan().SequenceEqual(_arguments[index]);

    /// <summary>The next reply in order; one made with <see cref="RedisMockResponse.From"/> is computed from the request.</summary>
    /// <param name="request">The request answered.</param>
    protected override RedisMockResponse Answer(RedisMockRequest request)
    {
        var response = Next();
        return response.Callback is { } compute ? compute(request) ?? RedisMockResponse.Nil : response;
    }
}
