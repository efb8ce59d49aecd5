using System.Globalization;

namespace MocketNet.Http.Codec;

/// <summary>How a message's body is delimited, read from its header fields (RFC 9112 §6).</summary>
internal readonly record struct BodyFraming(bool Chunked, long ContentLength)
{
    /// <exception cref="HttpFormatException">The fields contradict each other or cannot be read.</exception>
    public static BodyFraming Of(IReadOnlyList<KeyValuePair<string, string>> headers, bool response)
    {
        string? contentLength = null;
        string? transferEncoding = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (contentLength is not null && contentLength != value)
                {
                    throw HttpFormatException.In(response, HttpFormatError.ConflictingContentLength);
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
                throw HttpFormatException.In(response, HttpFormatError.TransferEncodingWithContentLength);
            }

            var codings = transferEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (codings.Length == 0 || !codings[^1].Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw HttpFormatException.In(response, HttpFormatError.UnsupportedTransferEncoding, transferEncoding);
            }

            return new(Chunked: true, ContentLength: 0);
        }

        if (contentLength is null)
        {
            return new(Chunked: false, ContentLength: 0);
        }

        if (!long.TryParse(contentLength, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw HttpFormatException.In(response, HttpFormatError.InvalidContentLength, contentLength);
        }

        return new(Chunked: false, ContentLength: length);
    }
}
