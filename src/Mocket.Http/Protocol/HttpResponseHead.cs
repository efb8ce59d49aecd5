using System.Buffers;
using System.Globalization;
using MocketNet.Http.Codec;

namespace MocketNet.Http.Protocol;

/// <summary>A response's status line and header fields, and how its body is delimited (RFC 9112 §6.3).</summary>
internal sealed class HttpResponseHead
{
    private HttpResponseHead(string statusLine, int status, List<KeyValuePair<string, string>> fields)
    {
        StatusLine = statusLine;
        Status = status;
        Fields = fields;
    }

    public string StatusLine { get; }

    /// <summary>The status code; 0 when the status line has none.</summary>
    public int Status { get; }

    public List<KeyValuePair<string, string>> Fields { get; }

    /// <summary>An interim (1xx) response, which another response follows; 101 ends HTTP on the connection instead.</summary>
    public bool IsInterim => Status is >= 100 and < 200 and not 101;

    /// <summary>Parses a head without its closing empty line, as Latin-1 (field values are not decoded).</summary>
    public static HttpResponseHead Parse(ReadOnlySequence<byte> head)
    {
        var lines = HttpSyntax.Latin1(head).Split("\r\n");
        var statusLine = lines[0];
        var status = statusLine.Length >= 12 && statusLine.StartsWith("HTTP/", StringComparison.Ordinal)
            && int.TryParse(statusLine.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        var fields = new List<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
            }
        }

        return new HttpResponseHead(statusLine, status, fields);
    }

    /// <summary>How the body that follows this head is delimited, for a reply to a HEAD request or not.</summary>
    /// <exception cref="MocketProtocolException">Content-Length and Transfer-Encoding contradict each other.</exception>
    public HttpResponseBody Body(bool headRequest)
    {
        if (headRequest || IsInterim || Status is 101 or 204 or 304)
        {
            return HttpResponseBody.None;
        }

        var framing = BodyFraming.Of(Fields, response: true);
        if (framing.Chunked)
        {
            return HttpResponseBody.Chunked;
        }

        return Has("Content-Length") ? new(HttpResponseBodyKind.ContentLength, framing.ContentLength) : HttpResponseBody.UntilClose;
    }

    public bool Has(string name) => Fields.Exists(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase));

    public string? Get(string name) => Fields.Find(f => f.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
