using System.Buffers;
using System.Globalization;
using System.Text;
using MocketNet.Http;
using MocketNet.Http.Codec;
using MocketNet.Http.Http2;
using MocketNet.Recording;
using MocketNet.Redis;
using MocketNet.Redis.Codec;

namespace MocketNet.Fuzz;

/// <summary>
/// One harness per parser. Each reads the input twice, whole and in pieces (the input's first byte picks the piece
/// size, so the fuzzer explores splits too), the way the pump hands a resumable reader the same unconsumed bytes
/// with more after them. The parser's typed rejection is an expected outcome; any other exception, or a different
/// result whole and in pieces, is a crash; a loop is a hang (afl-fuzz's timeout).
/// </summary>
internal static class Harnesses
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["http-head"] = input => Differential(input, HttpRequests),
        ["http-chunked"] = input => Differential(input, ChunkedBody),
        ["http2"] = input => Differential(input, Http2Requests),
        ["resp"] = input => Differential(input, RespCommands),
        ["recording"] = Recording,
    };

    private static void Differential(byte[] input, Func<byte[], int, string> read)
    {
        var piece = input.Length == 0 ? 1 : (input[0] % 16) + 1;
        var data = input.Length == 0 ? input : input[1..];
        var whole = read(data, Math.Max(data.Length, 1));
        var pieces = read(data, piece);
        if (whole != pieces)
        {
            throw new InvalidOperationException($"Read differently whole ({whole}) and in pieces of {piece} bytes ({pieces}).");
        }
    }

    // Limits small enough for the fuzzer's short inputs to reach them, where a reader's limit checks live. Made per call:
    // a Mocket type touched before Fuzzer.OutOfProcess.Run has set up afl's shared memory crashes the instrumented process.
    private static HttpMockLimits HttpLimits() => new()
    {
        MaxRequestLineLength = 64, MaxHeaderCount = 8, MaxHeadersLength = 256, MaxBodyLength = 1024, MaxChunkLineLength = 32,
    };

    private static RedisMockLimits RedisLimits() => new() { MaxBulkLength = 64, MaxArguments = 8, MaxInlineLength = 64 };

    /// <summary>Requests read by one connection's reader as the bytes arrive <paramref name="step"/> at a time.</summary>
    private static string HttpRequests(byte[] data, int step)
    {
        var reader = new HttpRequestReader(HttpLimits());
        return Arrive(data, step, (ref ReadOnlySequence<byte> buffer) => reader.TryRead(ref buffer, out var request)
            ? string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.Target} {request.Version} h{request.Headers.Count} b{request.Body.Length}")
            : null);
    }

    /// <summary>
    /// Requests read by one HTTP/2 connection as the bytes arrive <paramref name="step"/> at a time. The input follows the
    /// connection preface, which the harness writes, so the fuzzer spends its time on frames and HPACK.
    /// </summary>
    private static string Http2Requests(byte[] data, int step)
    {
        var connection = new Http2Connection(HttpLimits());
        byte[] bytes = [.. Http2Connection.Preface, .. data];
        return Arrive(bytes, step, (ref ReadOnlySequence<byte> buffer) => connection.TryRead(ref buffer, out var stream)
            ? string.Create(CultureInfo.InvariantCulture, $"{stream.Id} {stream.Method} {stream.Target} f{stream.Fields!.Count} b{stream.Body?.WrittenCount ?? 0}")
            : null);
    }

    /// <summary>A chunked body decoded as its bytes arrive <paramref name="step"/> at a time.</summary>
    private static string ChunkedBody(byte[] data, int step)
    {
        var reader = new ChunkedBodyReader(decode: true, response: false, maxLine: 32, maxBody: 1024);
        for (var available = Math.Min(step, data.Length); ; available = Math.Min(available + step, data.Length))
        {
            try
            {
                if (reader.TryRead(new ReadOnlySequence<byte>(data, 0, available), out var length))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"whole {length} b{reader.Body.Length} t{reader.Trailers.Count}");
                }
            }
            catch (HttpFormatException error)
            {
                return $"rejected {error.Reason}";
            }

            if (available == data.Length)
            {
                return "incomplete";
            }
        }
    }

    /// <summary>Commands read by one connection's reader as the bytes arrive <paramref name="step"/> at a time, then the same bytes as RESP values.</summary>
    private static string RespCommands(byte[] data, int step)
    {
        var reader = new RedisCommandReader(new MocketLocation("fuzz.test", 6379), RedisLimits());
        var result = new StringBuilder(Arrive(data, step, (ref ReadOnlySequence<byte> buffer) => reader.TryRead(ref buffer, out var request)
            ? string.Create(CultureInfo.InvariantCulture, $"{request.Command} a{request.Arguments.Count} d{request.Data.Length}")
            : null));

        result.Append(" | values: ");
        try
        {
            result.Append(Resp.Decode(data).Count);
        }
        catch (RespFormatException error)
        {
            result.Append(CultureInfo.InvariantCulture, $"rejected {error.Reason}");
        }

        return result.ToString();
    }

    private static void Recording(byte[] data)
    {
        try
        {
            RecordingFile.Parse("fuzz.json", data);
        }
        catch (MocketRecordingException)
        {
        }
    }

    /// <summary>Reads one item off the front of the buffer: its summary, or null when more bytes are needed.</summary>
    private delegate string? ReadOne(ref ReadOnlySequence<byte> buffer);

    /// <summary>
    /// Hands <paramref name="read"/> the unconsumed bytes each time <paramref name="step"/> more arrive, until the input
    /// ends or is rejected: the items read, then the rejection's reason or how many bytes were left unread.
    /// </summary>
    private static string Arrive(byte[] data, int step, ReadOne read)
    {
        var result = new StringBuilder();
        var consumed = 0;
        for (var available = Math.Min(step, data.Length); ; available = Math.Min(available + step, data.Length))
        {
            while (true)
            {
                var buffer = new ReadOnlySequence<byte>(data, consumed, available - consumed);
                string? item;
                try
                {
                    item = read(ref buffer);
                }
                catch (MocketProtocolException error)
                {
                    return result.Append(CultureInfo.InvariantCulture, $"rejected {Reason(error)}").ToString();
                }

                if (item is null)
                {
                    break;
                }

                var used = available - consumed - (int)buffer.Length;
                if (used <= 0)
                {
                    throw new InvalidOperationException("A reader said it read an item but consumed no bytes: the pump would loop.");
                }

                consumed += used;
                result.Append(item).Append(';');
            }

            if (available == data.Length)
            {
                return result.Append(CultureInfo.InvariantCulture, $"rest {data.Length - consumed}").ToString();
            }
        }
    }

    private static object Reason(MocketProtocolException error) => error switch
    {
        HttpFormatException http => http.Reason,
        RespFormatException resp => resp.Reason,
        _ => error.GetType().Name,
    };
}
