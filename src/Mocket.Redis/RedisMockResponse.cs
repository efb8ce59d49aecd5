using System.Buffers;
using System.Globalization;
using MocketNet.Redis.Codec;

namespace MocketNet.Redis;

/// <summary>
/// One reply a Redis entry answers with: a value encoded as a Redis server would send it (made implicitly
/// from a string, byte array, integer, double or bool, or with <see cref="Value"/> from anything
/// <see cref="Resp.Encode(object?)"/> accepts), a status or error line (<see cref="MockRedis.Ok"/>,
/// <see cref="MockRedis.Error"/>), bytes sent verbatim (<see cref="MockRedis.Raw"/>), a fault that drops the
/// client's connection (<see cref="Throw"/>), or a reply computed from each request (<see cref="From"/>).
/// A value is encoded once, when the response is made, in both RESP2 and RESP3; each connection sends the
/// one it negotiated.
/// </summary>
public sealed class RedisMockResponse : MocketResponse
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    private readonly byte[] _resp2;
    private readonly byte[] _resp3;
    private readonly object? _value; // described on demand: most responses are never shown
    private string? _description;

    private RedisMockResponse(byte[] resp2, byte[] resp3, string description, bool isError = false)
        : base(exception: null)
    {
        _resp2 = resp2;
        _resp3 = resp3;
        _description = description;
        IsError = isError;
    }

    private RedisMockResponse(object value, byte[] resp2, byte[] resp3)
        : base(exception: null)
    {
        _resp2 = resp2;
        _resp3 = resp3;
        _value = value;
    }

    private RedisMockResponse(Exception? exception, Func<RedisMockRequest, RedisMockResponse?>? callback, string description)
        : base(exception)
    {
        _resp2 = _resp3 = [];
        _description = description;
        Callback = callback;
    }

    /// <summary>The nil reply: <c>$-1</c> in RESP2, <c>_</c> in RESP3.</summary>
    public static RedisMockResponse Nil { get; } = new("$-1\r\n"u8.ToArray(), "_\r\n"u8.ToArray(), "nil");

    /// <summary>Whether this is an error reply (<c>-ERR ...</c>).</summary>
    public bool IsError { get; }

    internal Func<RedisMockRequest, RedisMockResponse?>? Callback { get; }

    /// <summary>A bulk string (UTF-8).</summary>
    /// <param name="value">The text; null is nil.</param>
    public static implicit operator RedisMockResponse(string? value) => Value(value);

    /// <summary>A bulk string, verbatim.</summary>
    /// <param name="value">The bytes; null is nil.</param>
    public static implicit operator RedisMockResponse(byte[]? value) => Value(value);

    /// <summary>An integer reply.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator RedisMockResponse(long value) => Value(value);

    /// <summary>A double (a bulk string in RESP2, <c>,</c> in RESP3).</summary>
    /// <param name="value">The double.</param>
    public static implicit operator RedisMockResponse(double value) => Value(value);

    /// <summary>A boolean (<c>:1</c>/<c>:0</c> in RESP2, <c>#t</c>/<c>#f</c> in RESP3).</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator RedisMockResponse(bool value) => Value(value);

    /// <summary>
    /// The reply for any value <see cref="Resp.Encode(object?)"/> accepts (the reference's Redisizer): strings and
    /// byte arrays are bulk strings, integers integers, null nil, dictionaries maps (flat arrays in RESP2), other
    /// sequences arrays. A <see cref="RedisMockResponse"/> is returned as it is, an <see cref="System.Exception"/>
    /// becomes <see cref="Throw"/>, and a <c>Func&lt;RedisMockRequest, object?&gt;</c> becomes <see cref="From"/>.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The value has no RESP form.</exception>
    public static RedisMockResponse Value(object? value) => value switch
    {
        RedisMockResponse response => response,
        null => Nil,
        Exception exception => Throw(exception),
        Func<RedisMockRequest, object?> compute => From(request => Value(compute(request))),
        _ => Encode(value),
    };

    /// <summary>A fault: the client's connection drops, and its pending commands fail with a connection error.</summary>
    /// <param name="exception">The exception the connection fails with.</param>
    public static RedisMockResponse Throw(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(exception, callback: null, $"Throw({exception.GetType().Name})");
    }

    /// <summary>A reply computed from each request it answers (null is nil; a <see cref="Throw"/> response drops the connection).</summary>
    /// <param name="callback">Builds the reply.</param>
    public static RedisMockResponse From(Func<RedisMockRequest, RedisMockResponse?> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new(exception: null, callback, "From(callback)");
    }

    /// <summary>The reply as reports show it.</summary>
    public override string ToString() => _description ??= Describe(_value!);

    /// <summary>A status reply, <c>+text</c> (one line).</summary>
    internal static RedisMockResponse Status(string text)
    {
        var line = "+" + OneLine(text) + "\r\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        return new(bytes, bytes, "+" + text);
    }

    /// <summary>An error reply, <c>-message</c> (one line).</summary>
    internal static RedisMockResponse Error(string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("-" + OneLine(message) + "\r\n");
        return new(bytes, bytes, "-" + message, isError: true);
    }

    /// <summary>Bytes sent verbatim in either protocol.</summary>
    internal static RedisMockResponse Raw(byte[] bytes) => new(bytes, bytes, string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} raw bytes"));

    /// <summary>The encoded reply for a connection speaking RESP <paramref name="protocol"/> (empty for a fault or a callback).</summary>
    internal ReadOnlySpan<byte> Encoded(int protocol) => protocol >= 3 ? _resp3 : _resp2;

    private static RedisMockResponse Encode(object value)
    {
        // One scratch buffer per thread (encoding never re-enters Encode); a large one is not kept.
        var output = t_scratch ?? new ArrayBufferWriter<byte>(256);
        t_scratch = null;
        try
        {
            output.ResetWrittenCount();
            RespEncoder.Encode(value, output, protocol: 2);
            var resp2 = output.WrittenSpan.ToArray();
            output.ResetWrittenCount();
            RespEncoder.Encode(value, output, protocol: 3);

            // Strings, integers and flat arrays read the same in both protocols: keep one copy.
            var resp3 = output.WrittenSpan.SequenceEqual(resp2) ? resp2 : output.WrittenSpan.ToArray();
            return new(value, resp2, resp3);
        }
        finally
        {
            if (output.Capacity <= 4096)
            {
                t_scratch = output;
            }
        }
    }

    private static string Describe(object value) => value switch
    {
        string text => CommandLine.Quote(text),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        byte[] bytes => string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} bytes"),
        _ => value.GetType().Name,
    };

    private static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException(
                $"A Redis status or error reply is one line, but \"{text.ReplaceLineEndings(" ")}\" contains CR or LF. " +
                "Remove the line break, or answer with a plain string (a bulk string) instead.", nameof(text));
        }

        return text;
    }
}
