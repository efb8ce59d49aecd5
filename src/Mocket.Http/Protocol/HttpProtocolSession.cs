using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Security;
using MocketNet.Http.Parsing;
using MocketNet.Http.Recording;
using MocketNet.Http.Seam;
using MocketNet.Http.Tls;
using MocketNet.Protocols;

namespace MocketNet.Http.Protocol;

/// <summary>Serves one HTTP/1.1 connection: TLS if needed, request framing, responses, refusals and faults as HTTP.</summary>
internal sealed class HttpProtocolSession(MocketConnectionInfo connection, HttpProtocolMode mode) : MocketProtocolSession(connection)
{
    private static readonly byte[] s_continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private Stream? _stream;
    private bool _tls;
    private bool _continueSent;
    private HttpMockRequest? _current;

    public override async ValueTask<Stream> AcceptAsync(Stream transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _stream = mode switch
        {
            HttpProtocolMode.Tls => await TlsHandshake.AcceptAsync(transport, Connection.Host, cancellationToken).ConfigureAwait(false),
            HttpProtocolMode.Auto => await TlsHandshake.AcceptIfTlsAsync(transport, Connection.Host, cancellationToken).ConfigureAwait(false),
            _ => transport,
        };
        _tls = _stream is SslStream;
        return _stream;
    }

    public override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
    {
        request = null;
        var start = buffer;
        if (!HttpRequestParser.TryParse(ref buffer, out var parsed, out var expectsContinue))
        {
            if (expectsContinue && !_continueSent && _stream is not null)
            {
                _continueSent = true;
                _stream.Write(s_continue);
                _stream.Flush();
            }

            return false;
        }

        _continueSent = false;
        var data = start.Slice(0, start.Length - buffer.Length).ToArray();
        request = _current = ToRequest(parsed!, data);
        return true;
    }

    public override ValueTask WriteResponseAsync(Stream output, MocketRequest request, object response, CancellationToken cancellationToken)
    {
        if (response is not HttpMockResponse http)
        {
            throw new ArgumentException($"An HTTP connection answers with HttpMockResponse objects, not {response.GetType().FullName}.", nameof(response));
        }

        var httpRequest = (HttpMockRequest)request;
        var headOnly = httpRequest.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
        var close = http.ClosesConnection || WantsClose(httpRequest);
        CloseRequested = close;
        return http.Delay > TimeSpan.Zero
            ? DelayedWriteAsync(output, http, headOnly, close, cancellationToken)
            : HttpResponseWriter.WriteAsync(output, http, headOnly, close, cancellationToken);
    }

    public override bool TryGetBuiltInResponse(MocketRequest request, [NotNullWhen(true)] out object? response)
    {
        response = null;
        if (request is HttpMockRequest { Method: "CONNECT" })
        {
            response = HttpResponseWriter.Plain(
                501, "Mocket does not tunnel CONNECT requests. HttpClient is served by MockHttp.CreateClient() or the global seam; other clients by Mocket.Listen(host, port).",
                new Dictionary<string, string> { ["Connection"] = "close" });
            return true;
        }

        return false;
    }

    public override bool TryGetRefusal(MocketRequest request, StrictMocketException violation, [NotNullWhen(true)] out object? response) =>
        TryGetFaultResponse(request, violation, out response);

    public override bool TryGetFaultResponse(MocketRequest request, Exception fault, [NotNullWhen(true)] out object? response)
    {
        response = null;
        if (!Connection.IsLoopback)
        {
            // In memory, Core fails the connection with the exception itself: the caller sees it as an inner exception.
            return false;
        }

        var headers = new Dictionary<string, string> { ["Connection"] = "close" };
        if (mode == HttpProtocolMode.Seam)
        {
            headers[SeamFaults.Header] = SeamFaults.Add(fault);
        }

        response = HttpResponseWriter.Plain(fault is StrictMocketException ? 502 : 500, fault.Message, headers);
        return true;
    }

    public override ValueTask WriteProtocolErrorAsync(Stream output, MocketProtocolException error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var response = HttpResponseWriter.Plain(400, error.Message, new Dictionary<string, string> { ["Connection"] = "close" });
        return HttpResponseWriter.WriteAsync(output, response, headOnly: false, close: true, cancellationToken);
    }

    public override async ValueTask<Stream> OpenUpstreamAsync(MocketLocation location, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await base.OpenUpstreamAsync(location, cancellationToken).ConfigureAwait(false);
            if (_current?.Scheme != "https")
            {
                return stream;
            }

            var tls = new SslStream(stream);
            await tls.AuthenticateAsClientAsync(UpstreamTrust.Options(Connection.Scope, location.Host), cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            throw new IOException(MismatchReport.ForPassThrough(Connection.Scope, _current, ex), ex);
        }
    }

    public override ReadOnlyMemory<byte> GetUpstreamRequest(MocketRequest request)
    {
        // A listener's or proxy's client named Mocket's endpoint in Host; the global seam's named the original host.
        var http = (HttpMockRequest)request;
        return UpstreamRequest.Build(http, rewrite: mode == HttpProtocolMode.Seam || !http.FromOriginForm || Connection.IsLoopback, keepClientHost: mode == HttpProtocolMode.Seam);
    }

    public override bool TryReadUpstreamResponse(ref ReadOnlySequence<byte> buffer, bool upstreamCompleted, MocketRequest request, out ReadOnlySequence<byte> response)
    {
        bool untilClose;
        try
        {
            if (!HttpResponseFraming.TryCut(ref buffer, upstreamCompleted, ((HttpMockRequest)request).Method == "HEAD", out response, out untilClose))
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

    public override ReadOnlyMemory<byte> GetRecordedRequest(ReadOnlyMemory<byte> request, MocketRedaction redaction) =>
        RecordedHttpRequest.Canonical(request, redaction);

    public override ReadOnlyMemory<byte> GetRecordedResponse(ReadOnlyMemory<byte> request, ReadOnlyMemory<byte> response, MocketRedaction redaction) =>
        RecordedHttpResponse.Redact(request, response, redaction);

    public override ReadOnlyMemory<byte> NormalizeRecordedRequest(ReadOnlyMemory<byte> request) => RecordedHttpRequest.Normalize(request);

    public override string? DescribeRecordedResponse(ReadOnlyMemory<byte> response) =>
        RecordedHttpResponse.Describe(response, static bytes => PrintableText(bytes.Span));

    private static bool WantsClose(HttpMockRequest request) =>
        request.Headers.TryGetValue("Connection", out var connection)
            ? connection.Contains("close", StringComparison.OrdinalIgnoreCase)
            : request.Version == "HTTP/1.0";

    private static async ValueTask DelayedWriteAsync(Stream output, HttpMockResponse response, bool headOnly, bool close, CancellationToken cancellationToken)
    {
        await Task.Delay(response.Delay, cancellationToken).ConfigureAwait(false);
        await HttpResponseWriter.WriteAsync(output, response, headOnly, close, cancellationToken).ConfigureAwait(false);
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
                throw HttpRequestParser.Malformed($"the global seam's fake received the target \"{HttpRequestParser.Printable(target)}\", which does not carry an original location");
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
                throw HttpRequestParser.Malformed($"the request target \"{HttpRequestParser.Printable(target)}\" is neither a path nor an absolute http:// URL");
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
