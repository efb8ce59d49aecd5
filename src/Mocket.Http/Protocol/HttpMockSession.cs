using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Security;
using MocketNet.Http.Codec;
using MocketNet.Http.Seam;
using MocketNet.Http.Tls;
using MocketNet.Protocols;

namespace MocketNet.Http.Protocol;

/// <summary>Serves one HTTP/1.1 connection: TLS if needed, request framing, responses, refusals and faults as HTTP.</summary>
internal sealed class HttpMockSession(MocketConnectionInfo connection, HttpProtocolMode mode) : MocketProtocolSession<HttpMockRequest, HttpMockResponse>(connection)
{
    private static readonly byte[] s_continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly HttpRequestReader _reader = new(
        connection.Server.TryGetState<HttpLimitsState>(out var limits) ? limits.Limits : HttpMockLimits.Default);
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
        return stream;
    }

    protected override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out HttpMockRequest? request)
    {
        request = null;
        var start = buffer;
        if (!_reader.TryRead(ref buffer, out var parsed))
        {
            // The client waits for 100 Continue before it sends the body: it is written once the pump has read all there is.
            _continueWanted = _reader.AwaitingContinue && !_continueSent;
            return false;
        }

        _continueWanted = _continueSent = false;
        var data = start.Slice(0, start.Length - buffer.Length).ToArray();
        request = ToRequest(parsed, data);
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
    }

    protected override ValueTask WriteResponseAsync(HttpMockRequest request, HttpMockResponse response, CancellationToken cancellationToken)
    {
        var headOnly = request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
        var close = response.ClosesConnection || WantsClose(request);
        CloseRequested = close;
        return response.Delay > TimeSpan.Zero
            ? DelayedWriteAsync(response, headOnly, close, cancellationToken)
            : HttpResponseWriter.WriteAsync(Output, response, headOnly, close, cancellationToken);
    }

    protected override bool HasBuiltInAnswer(HttpMockRequest request) => request.Method == "CONNECT";

    protected override ValueTask WriteBuiltInAnswerAsync(HttpMockRequest request, CancellationToken cancellationToken) =>
        WriteClosingAsync(
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

        await WriteClosingAsync(HttpResponseWriter.Plain(error is StrictMocketException ? 502 : 500, error.Message, headers), cancellationToken).ConfigureAwait(false);
        return true;
    }

    protected override ValueTask WriteRejectionAsync(MocketProtocolException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error is HttpFormatException { Status: > 0 } format ? format.Status : 400;
        return WriteClosingAsync(HttpResponseWriter.Plain(status, error.Message, new Dictionary<string, string> { ["Connection"] = "close" }), cancellationToken);
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

    private static bool WantsClose(HttpMockRequest request) =>
        request.Headers.TryGetValue("Connection", out var connection)
            ? connection.Contains("close", StringComparison.OrdinalIgnoreCase)
            : request.Version == "HTTP/1.0";

    private ValueTask WriteClosingAsync(HttpMockResponse response, CancellationToken cancellationToken)
    {
        CloseRequested = true;
        return HttpResponseWriter.WriteAsync(Output, response, headOnly: false, close: true, cancellationToken);
    }

    private async ValueTask DelayedWriteAsync(HttpMockResponse response, bool headOnly, bool close, CancellationToken cancellationToken)
    {
        await Task.Delay(response.Delay, cancellationToken).ConfigureAwait(false);
        await HttpResponseWriter.WriteAsync(Output, response, headOnly, close, cancellationToken).ConfigureAwait(false);
    }

    private HttpMockRequest ToRequest(ParsedHttpRequest parsed, byte[] data)
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
            FromOriginForm = originForm && mode != HttpProtocolMode.Seam,
        };
    }
}
