using System.Text;
using System.Text.Json;

namespace MocketNet.Http.Protocol;

/// <summary>Guesses a body's media type from its first bytes, for the common types a test serves from a file.</summary>
internal static class ContentSniffer
{
    public static string Sniff(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (body.StartsWith("GIF87a"u8) || body.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (body.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (body.IndexOf((byte)0) >= 0 || !IsUtf8(body))
        {
            return "application/octet-stream";
        }

        var text = body.TrimStart(" \t\r\n"u8);
        if (text.Length > 0 && (text[0] == '{' || text[0] == '[') && IsJson(body))
        {
            return "application/json";
        }

        if (StartsWithIgnoreCase(text, "<!doctype html") || StartsWithIgnoreCase(text, "<html"))
        {
            return "text/html; charset=utf-8";
        }

        return "text/plain; charset=utf-8";
    }

    private static bool IsUtf8(ReadOnlySpan<byte> body)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, string prefix) =>
        text.Length >= prefix.Length && Encoding.ASCII.GetString(text[..prefix.Length]).Equals(prefix, StringComparison.OrdinalIgnoreCase);
}
