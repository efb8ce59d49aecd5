using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MocketNet.Protocols;

namespace MocketNet.Http.Codec;

/// <summary>
/// Reads the HTTP/1.1 requests of one connection, in the style of Kestrel's HttpParser: each call either cuts one
/// whole request (request line, header fields, a Content-Length or chunked body with trailers) from the front of
/// the bytes, or returns false and consumes nothing. It keeps its place between calls — whole lines already
/// parsed, how far the search for the next line's end has gone, the body read so far — so each byte is examined
/// once however the request is split, and a malformed line is rejected as soon as it ends, not when the head does.
/// The caller hands the same unconsumed bytes again, with more after them, until a request is whole.
/// </summary>
internal sealed class HttpRequestReader(HttpMockLimits? limits = null)
{
    private readonly HttpMockLimits _limits = limits ?? HttpMockLimits.Default;
    private LineCursor _line;
    private long _headersStart;
    private string? _method;
    private string? _target;
    private string? _version;
    private List<KeyValuePair<string, string>> _headers = new(8);
    private long _bodyStart = -1;
    private BodyFraming _framing;
    private ChunkedBodyReader? _chunked;
    private long _examinedBefore;

    /// <summary>The head is whole, says <c>Expect: 100-continue</c>, and the body has not all arrived: the client waits for 100 Continue.</summary>
    public bool AwaitingContinue { get; private set; }

    /// <summary>Bytes examined so far, over every request (for the tests that pin the reading as linear).</summary>
    internal long Examined => _examinedBefore + _line.Examined + (_chunked?.Examined ?? 0);

    /// <summary>Cuts one whole request from the front of <paramref name="buffer"/>; false (nothing consumed) when it has not all arrived.</summary>
    /// <exception cref="HttpFormatException">The bytes are not an HTTP/1.1 request.</exception>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out ParsedHttpRequest? request)
    {
        request = null;
        if (_bodyStart < 0 && !TryReadHead(buffer))
        {
            return false;
        }

        if (!TryReadBody(buffer, out var body, out var end))
        {
            AwaitingContinue = _headers.Exists(static h =>
                h.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase) && h.Value.Equals("100-continue", StringComparison.OrdinalIgnoreCase));
            return false;
        }

        request = new ParsedHttpRequest(_method!, _target!, _version!, _headers, body);
        buffer = buffer.Slice(end);
        StartNext();
        return true;
    }

    private bool TryReadHead(ReadOnlySequence<byte> buffer)
    {
        while (_line.TryReadLine(buffer, out var line, out var endsInCrLf))
        {
            if (_method is null)
            {
                ThrowIfOver(HttpFormatError.RequestLineTooLong, line.Length, _limits.MaxRequestLineLength);
                HttpSyntax.RequireCrLf(endsInCrLf, line, response: false);
                (_method, _target, _version) = HttpSyntax.ParseRequestLine(line.IsSingleSegment ? line.FirstSpan : line.ToArray());
                _headersStart = _line.Start;
                continue;
            }

            ThrowIfOver(HttpFormatError.HeadersTooLarge, _line.Start - _headersStart - 2, _limits.MaxHeadersLength);
            HttpSyntax.RequireCrLf(endsInCrLf, line, response: false);
            if (line.IsEmpty)
            {
                _bodyStart = _line.Start;
                _framing = BodyFraming.Of(_headers, response: false);
                ThrowIfOver(HttpFormatError.BodyTooLarge, _framing.ContentLength, _limits.MaxBodyLength);
                return true;
            }

            _headers.Add(HttpSyntax.ParseField(line.IsSingleSegment ? line.FirstSpan : line.ToArray()));
            ThrowIfOver(HttpFormatError.TooManyHeaders, _headers.Count, _limits.MaxHeaderCount);
        }

        // The line has not ended yet: reject it as soon as it is over its limit, without waiting for more.
        if (_method is null)
        {
            ThrowIfOver(HttpFormatError.RequestLineTooLong, _line.Pending(buffer) - 2, _limits.MaxRequestLineLength);
        }
        else
        {
            ThrowIfOver(HttpFormatError.HeadersTooLarge, buffer.Length - _headersStart - 4, _limits.MaxHeadersLength);
        }

        return false;
    }

    private static void ThrowIfOver(HttpFormatError reason, long value, long limit)
    {
        if (value > limit)
        {
            throw HttpFormatException.OverLimit(reason, limit);
        }
    }

    private bool TryReadBody(ReadOnlySequence<byte> buffer, out byte[] body, out long end)
    {
        var rest = buffer.Slice(_bodyStart);
        if (_framing.Chunked)
        {
            _chunked ??= new ChunkedBodyReader(decode: true, response: false, _limits.MaxChunkLineLength, _limits.MaxBodyLength);
            if (_chunked.TryRead(rest, out var length))
            {
                _headers.AddRange(_chunked.Trailers);
                ThrowIfOver(HttpFormatError.TooManyHeaders, _headers.Count, _limits.MaxHeaderCount);
                (body, end) = (_chunked.Body, _bodyStart + length);
                return true;
            }
        }
        else if (rest.Length >= _framing.ContentLength)
        {
            _line.Skip(_line.Start + _framing.ContentLength);
            (body, end) = (rest.Slice(0, _framing.ContentLength).ToArray(), _bodyStart + _framing.ContentLength);
            return true;
        }

        (body, end) = ([], 0);
        return false;
    }

    private void StartNext()
    {
        _examinedBefore = Examined;
        (_line, _method, _target, _version, _headers, _headersStart, _bodyStart, _chunked) = (default, null, null, null, new(8), 0, -1, null);
        AwaitingContinue = false;
    }
}
