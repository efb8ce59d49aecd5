using System.Globalization;

namespace MocketNet.Http.Parsing;

/// <summary>How a message's body is delimited, read from its header fields (RFC 9112 §6).</summary>
internal readonly record struct BodyFraming(bool Chunked, long ContentLength)
{
    public static BodyFraming Of(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        string? contentLength = null;
        string? transferEncoding = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (contentLength is not null && contentLength != value)
                {
                    throw HttpRequestParser.Malformed("it has two different Content-Length fields");
                }

                contentLength = value;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                transferEncoding = transferEncoding is null ? value : transferEncoding + ", " + value;
            }
        }

        if (transferEncoding is not null)
        {
            if (contentLength is not null)
            {
                throw HttpRequestParser.Malformed("it has both Transfer-Encoding and Content-Length (a request smuggling pattern)");
            }

            var codings = transferEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (codings.Length == 0 || !codings[^1].Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw HttpRequestParser.Malformed($"the Transfer-Encoding \"{HttpRequestParser.Printable(transferEncoding)}\" does not end in chunked, so the body's end cannot be known");
            }

            return new(Chunked: true, ContentLength: 0);
        }

        if (contentLength is null)
        {
            return new(Chunked: false, ContentLength: 0);
        }

        if (!long.TryParse(contentLength, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw HttpRequestParser.Malformed($"the Content-Length \"{HttpRequestParser.Printable(contentLength)}\" is not a non-negative integer");
        }

        return new(Chunked: false, ContentLength: length);
    }
}
