using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Security;
using MocketNet.Http.Codec;
using MocketNet.Http.Http2;
using MocketNet.Http.Seam;
using MocketNet.Http.Tls;
using MocketNet.Protocols;

namespace MocketNet.Http.Protocol;

/// <summary>
/// Serves one HTTP connection: TLS if needed, then HTTP/1.1, or HTTP/2 when ALPN picks h2 or the client starts with the HTTP/2
/// preface (h2c with prior knowledge); request framing, responses, refusals and faults as HTTP.
/// </summary>
internal sealed class HttpMockSession(MocketConnectionInfo connection, HttpProtocolMode mode) : MocketProtocolSession<HttpMockRequest, HttpMockResponse>(connection)
{
    /// <summary>How <see cref="HttpMockRequest.Version"/> reads for a request that came over HTTP/2.</summary>
    internal const string Http2Version = "HTTP/2";

    private static readonly byte[] s_continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly HttpMockLimits _limits = connection.Server.TryGetState<HttpLimitsState>(out var limits) ? limits.Limits : HttpMockLimits.Default;
    private HttpRequestReader? _reader;
    private Http2Connection? _h2;
    private bool _tls;
    private bool _continueWanted;
    private bool _continueSent;

    protected override async ValueTask<Stream> AcceptAsync(Stream transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var stream = mode switch
        {
            HttpProtocolMode.Tls => await TlsHandshake.AcceptAsync(transport, Connection.Host, cancellationToken).ConfigureAwait(false),
            HttpProtocolMode.Auto => await TlsHandshake.AcceptIfTlsAsync(transport, Connection.Host, cancellationToken).ConfigureAwait(false),
            _ => transport,
        };
        _tls = stream is SslStream;
        if (stream is SslStream { NegotiatedApplicationProtocol: var alpn } && alpn == SslApplicationProtocol.Http2)
        {
            StartHttp2();
        }

        return stream;
    }

    protected override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out HttpMockRequest? request)
    {
        request = null;
        if (_reader is null && _h2 is null)
        {
            // The first bytes tell HTTP/2 (its preface) from HTTP/1.1 on a connection ALPN did not settle.
            switch (Http2Connection.StartsWithPreface(buffer))
            {
                case null:
                    return false;
                case true:
                    StartHttp2();
                    break;
                default:
                    _reader = new HttpRequestReader(_limits);
                    break;
            }
        }

        if (_h2 is { } h2)
        {
            if (!h2.TryRead(ref buffer, out var stream))
            {
                return false;
            }

            var head = new ParsedHttpRequest(stream.Method, stream.Target, Http2Version, stream.Fields!, stream.Body?.WrittenSpan.ToArray() ?? []);
            request = ToRequest(head, ReadOnlyMemory<byte>.Empty, stream.Id);
            return true;
        }

        var start = buffer;
        if (!_reader!.TryRead(ref buffer, out var parsed))
        {
            // The client waits for 100 Continue before it sends the body: it is written once the pump has read all there is.
            _continueWanted = _reader.AwaitingContinue && !_continueSent;
            return false;
        }

        _continueWanted = _continueSent = false;
        var data = start.Slice(0, start.Length - buffer.Length).ToArray();
        request = ToRequest(parsed, data, streamId: 0);
        return true;
    }

    protected override async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        if (_continueWanted)
        {
            _continueWanted = false;
            _continueSent = true;
            await WriteAsync(s_continue, cancellationToken).ConfigureAwait(false);
        }

        if (_h2 is { Output.IsEmpty: false } h2)
        {
            await WriteAsync(h2.Output, cancellationToken).ConfigureAwait(false);
            h2.OutputWritten();
        }
    }

    protected override ValueTask WriteResponseAsync(HttpMockRequest request, HttpMockResponse response, CancellationToken cancellationToken)
    {
        var headOnly = request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
        var close = _h2 is null && (response.ClosesConnection || WantsClose(request));
        CloseRequested = close;
        if (response.Delay <= TimeSpan.Zero)
        {
            return WriteAsync(request, response, headOnly, close, cancellationToken);
        }

        if (_h2 is not null && response.Fault is null)
        {
            // HTTP/2 answers each stream on its own: a slow reply holds back none of the connection's other streams.
            AnswerLater(response.Delay, token => WriteAsync(request, response, headOnly, close: false, token));
            return ValueTask.CompletedTask;
        }

        return DelayedWriteAsync(request, response, headOnly, close, cancellationToken);
    }

    protected override async ValueTask<bool> WriteResetAsync(HttpMockRequest request, CancellationToken cancellationToken)
    {
        if (_h2 is not { } h2)
        {
            return false;
        }

        // What a server that aborts a request sends on HTTP/2: RST_STREAM with INTERNAL_ERROR; the connection lives on.
        h2.Reset(request.StreamId, Http2Connection.InternalError);
        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    protected override ValueTask WriteVerbatimAsync(HttpMockRequest request, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        _h2 is null
            ? base.WriteVerbatimAsync(request, bytes, cancellationToken)
            : WriteResponseAsync(request, RelayedReply.ToResponse(bytes), cancellationToken);

    protected override bool HasBuiltInAnswer(HttpMockRequest request) => request.Method == "CONNECT";

    protected override ValueTask WriteBuiltInAnswerAsync(HttpMockRequest request, CancellationToken cancellationToken) =>
        WriteClosingAsync(
            request,
            HttpResponseWriter.Plain(
                501, "Mocket does not tunnel CONNECT requests. HttpClient is served by MockHttp.CreateClient() or the global seam; other clients by MockHttp.Listen(host, port).",
                new Dictionary<string, string> { ["Connection"] = "close" }),
            cancellationToken);

    protected override ValueTask<bool> WriteRefusalAsync(HttpMockRequest request, StrictMocketException violation, CancellationToken cancellationToken) =>
        WriteFailureAsync(request, violation, cancellationToken);

    protected override async ValueTask<bool> WriteFailureAsync(HttpMockRequest request, Exception error, CancellationToken cancellationToken)
    {
        if (!Connection.IsLoopback)
        {
            // In memory, the connection fails with the exception itself: the caller sees it as an inner exception.
            return false;
        }

        // A socket cannot carry an exception: answer in HTTP, and (through the global seam) raise it on the caller's side.
        var headers = new Dictionary<string, string> { ["Connection"] = "close" };
        if (mode == HttpProtocolMode.Seam)
        {
            headers[SeamFaults.Header] = SeamFaults.Add(error);
        }

        await WriteClosingAsync(request, HttpResponseWriter.Plain(error is StrictMocketException ? 502 : 500, error.Message, headers), cancellationToken).ConfigureAwait(false);
        return true;
    }

    protected override ValueTask WriteRejectionAsync(MocketProtocolException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error is HttpFormatException { Status: > 0 } format ? format.Status : 400;
        if (_h2 is { } h2)
        {
            // A limit is answered on its stream as on HTTP/1.1; a broken protocol gets GOAWAY with its error code.
            var code = error is HttpFormatException rejected ? Http2Errors.Of(rejected.Reason) : (Http2Connection.ProtocolError, "PROTOCOL_ERROR");
            if (code is null && h2.RejectedStream > 0)
            {
                var answer = HttpResponseWriter.Plain(status, error.Message);
                h2.Respond(h2.RejectedStream, answer.Status, HttpResponseWriter.Http2Fields(answer), answer.Body, trailers: null);
            }

            h2.GoAway(code?.Code ?? Http2Connection.NoError, error.Message);

            return WritePendingAsync(cancellationToken);
        }

        CloseRequested = true;
        return HttpResponseWriter.WriteAsync(
            Output, HttpResponseWriter.Plain(status, error.Message, new Dictionary<string, string> { ["Connection"] = "close" }), headOnly: false, close: true, cancellationToken);
    }

    protected override async ValueTask<Stream> OpenUpstreamAsync(HttpMockRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await base.OpenUpstreamAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.Scheme != "https")
            {
                return stream;
            }

            var tls = new SslStream(stream);
            await tls.AuthenticateAsClientAsync(UpstreamTrust.Options(Connection.Server, request.Host), cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            throw new IOException(MismatchReport.ForPassThrough(Connection.Server.Scope, request, ex), ex);
        }
    }

    protected override ReadOnlyMemory<byte> GetUpstreamRequest(HttpMockRequest request) =>
        // A listener's or proxy's client named Mocket's endpoint in Host; the global seam's named the original host.
        UpstreamRequest.Build(request, rewrite: mode == HttpProtocolMode.Seam || !request.FromOriginForm || Connection.IsLoopback, keepClientHost: mode == HttpProtocolMode.Seam);

    protected override bool TryReadUpstreamResponse(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, HttpMockRequest request, out ReadOnlySequence<byte> response)
    {
        bool untilClose;
        try
        {
            if (!HttpResponseFraming.TryCut(ref buffer, upstreamCompleted, request.Method == "HEAD", out response, out untilClose))
            {
                return false;
            }
        }
        catch (MocketProtocolException error)
        {
            throw new IOException($"The real server at {request.Location} sent a reply whose framing Mocket cannot follow ({error.Message}).", error);
        }

        // A body delimited by the server's close ends the client's connection too.
        CloseRequested |= untilClose;
        return true;
    }

    private void StartHttp2()
    {
        _h2 = new Http2Connection(_limits);

        // An HTTP/2 client reads in a loop of its own (HttpClient's frame reader), never in its caller's flow: replies can
        // resume it on the pump's thread, which saves a thread hop per reply.
        ResumeClientReadsInline();
    }

    private static bool WantsClose(HttpMockRequest request) =>
        request.TryGetHeader("Connection", out var connection)
            ? connection.Contains("close", StringComparison.OrdinalIgnoreCase)
            : request.Version == "HTTP/1.0";

    /// <summary>An answer after which HTTP/1.1 closes the connection (HTTP/2 answers only the stream: the request is known by its stream).</summary>
    private ValueTask WriteClosingAsync(HttpMockRequest request, HttpMockResponse response, CancellationToken cancellationToken)
    {
        CloseRequested = _h2 is null;
        return WriteAsync(request, response, headOnly: false, close: true, cancellationToken);
    }

    private ValueTask WriteAsync(HttpMockRequest request, HttpMockResponse response, bool headOnly, bool close, CancellationToken cancellationToken)
    {
        if (_h2 is not { } h2)
        {
            return HttpResponseWriter.WriteAsync(Output, response, headOnly, close, cancellationToken);
        }

        h2.Respond(request.StreamId, response.Status, HttpResponseWriter.Http2Fields(response), headOnly ? ReadOnlyMemory<byte>.Empty : response.Body, response.Trailers, response.ChunkSize ?? 0);
        return WritePendingAsync(cancellationToken);
    }

    private async ValueTask DelayedWriteAsync(HttpMockRequest request, HttpMockResponse response, bool headOnly, bool close, CancellationToken cancellationToken)
    {
        await Task.Delay(response.Delay, cancellationToken).ConfigureAwait(false);
        await WriteAsync(request, response, headOnly, close, cancellationToken).ConfigureAwait(false);
    }

    private HttpMockRequest ToRequest(ParsedHttpRequest parsed, ReadOnlyMemory<byte> data, int streamId)
    {
        var scheme = _tls ? "https" : "http";
        var host = Connection.Host;
        var port = Connection.Port;
        var target = parsed.Target;
        var originForm = true;
        if (mode == HttpProtocolMode.Seam)
        {
            if (!SeamTarget.TryDecode(target, out scheme, out host, out port, out target))
            {
                throw HttpFormatException.InRequest(HttpFormatError.MissingSeamOrigin, target);
            }
        }
        else if (parsed.Method == "CONNECT")
        {
            var authority = target.Split(':');
            host = authority[0];
            port = authority.Length > 1 && int.TryParse(authority[1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 443;
            target = "/";
        }
        else if (!target.StartsWith('/') && target != "*")
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
            {
                throw HttpFormatException.InRequest(HttpFormatError.UnsupportedTargetForm, target);
            }

            (scheme, host, port, target, originForm) = (absolute.Scheme, absolute.IdnHost, absolute.Port, absolute.PathAndQuery, false);
        }

        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? string.Empty : target[(question + 1)..];
        return new HttpMockRequest(
            scheme, host, port, data, parsed.Method, path.Length == 0 ? "/" : path, query, parsed.Version,
            parsed.Headers, parsed.Body)
        {
            // An HTTP/2 request's bytes are frames: upstream and in recordings it is written as HTTP/1.1.
            FromOriginForm = originForm && mode != HttpProtocolMode.Seam && streamId == 0,
            StreamId = streamId,
        };
    }
}
