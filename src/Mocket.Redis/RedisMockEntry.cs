using System.Globalization;
using System.Text;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis;

/// <summary>
/// A Redis entry: answers the one command whose tokens equal its command string's (split like a POSIX
/// shell, verb case-insensitive, arguments byte for byte), with its responses in order, the last
/// repeating. A response may be any value <see cref="Resp.Encode(object?)"/> accepts, an
/// <see cref="Exception"/> (the client's connection drops), or a <c>Func&lt;RedisMockRequest, object?&gt;</c>
/// computing the reply from the request.
/// </summary>
public sealed class RedisMockEntry : MocketEntry
{
    private readonly byte[][] _arguments;

    /// <summary>Creates an entry.</summary>
    /// <param name="host">The host clients connect to (MockRedis uses <c>localhost</c>).</param>
    /// <param name="port">The port clients connect to (MockRedis uses 6379).</param>
    /// <param name="command">The command matched, such as <c>GET foo</c> or <c>SET snowman "is ☃!"</c>.</param>
    /// <param name="responses">At least one response; null is the nil reply.</param>
    /// <exception cref="ArgumentException">The command is empty or badly quoted, or a response cannot be sent as RESP.</exception>
    public RedisMockEntry(string host, int port, string command, IReadOnlyList<object?> responses)
        : base(host, port, RedisMockProtocol.Instance, Prepare(command, responses))
    {
        var tokens = CommandLine.Split(command);
        CommandText = command;
        Verb = tokens[0].ToUpperInvariant();
        _arguments = [.. tokens.Skip(1).Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>The command string as registered.</summary>
    public string CommandText { get; }

    /// <summary>The verb matched, upper-cased.</summary>
    public string Verb { get; }

    /// <summary>The arguments matched, UTF-8 encoded.</summary>
    public IReadOnlyList<byte[]> Arguments => _arguments;

    /// <summary>Whether <paramref name="request"/> is this command: same verb, same arguments byte for byte.</summary>
    /// <param name="request">A request at this entry's location.</param>
    public override bool CanHandle(MocketRequest request)
    {
        if (request is not RedisMockRequest redis || !string.Equals(redis.Command, Verb, StringComparison.Ordinal)
            || redis.Arguments.Count != _arguments.Length)
        {
            return false;
        }

        for (var i = 0; i < _arguments.Length; i++)
        {
            if (!redis.Arguments[i].AsSpan().SequenceEqual(_arguments[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string? ExplainMismatch(MocketRequest request)
    {
        if (request is not RedisMockRequest redis)
        {
            return "not a Redis command";
        }

        if (!string.Equals(redis.Command, Verb, StringComparison.Ordinal))
        {
            return $"the verb is {redis.Command}, not {Verb}";
        }

        if (redis.Arguments.Count != _arguments.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{redis.Arguments.Count} argument(s) sent, {_arguments.Length} expected");
        }

        var index = Enumerable.Range(0, _arguments.Length).First(i => !redis.Arguments[i].AsSpan().SequenceEqual(_arguments[i]));
        return string.Create(CultureInfo.InvariantCulture,
            $"argument {index + 1} is {CommandLine.Quote(Encoding.UTF8.GetString(redis.Arguments[index]))}, not {CommandLine.Quote(Encoding.UTF8.GetString(_arguments[index]))}");
    }

    /// <summary>The entry as reports show it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"RedisMockEntry(location={Location}, command='{CommandText}', responses={Responses.Count})");

    /// <inheritdoc />
    protected override object NextResponse(MocketRequest request)
    {
        var response = base.NextResponse(request);
        if (response is Exception)
        {
            // Core drops the connection next: replies held back for earlier pipelined commands go out first.
            (request as RedisMockRequest)?.Session?.FlushHeldBack();
        }

        return response is Func<RedisMockRequest, object?> compute
            ? compute((RedisMockRequest)request) ?? RedisReply.Nil
            : response;
    }

    private static object[] Prepare(string command, IReadOnlyList<object?> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (CommandLine.Split(command).Count == 0)
        {
            throw new ArgumentException(
                "A Redis entry needs a command to match, such as \"GET foo\", but the command was empty.", nameof(command));
        }

        var prepared = new object[responses.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            var response = responses[i];
            if (response is not (Exception or Func<RedisMockRequest, object?>))
            {
                try
                {
                    Resp.Encode(response);
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Response #{i + 1} for '{command}' cannot be sent: {ex.Message}"), nameof(responses), ex);
                }
            }

            prepared[i] = response ?? RedisReply.Nil;
        }

        return prepared;
    }
}
