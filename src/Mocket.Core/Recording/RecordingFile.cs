using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MocketNet.Recording;

/// <summary>
/// Reads and writes the reference's recording file: <c>{host: {port: {signature: {"request": text,
/// "response": hex}}}}</c>, keys sorted, indented, written atomically (temporary file, then rename).
/// Extra keys (<c>response_text</c>) are ignored by the reference's reader, which only reads these two.
/// </summary>
internal static class RecordingFile
{
    public const string RequestKey = "request";
    public const string ResponseKey = "response";
    public const string ResponseTextKey = "response_text";

    private const string Shape = "{\"host\": {\"port\": {\"signature\": {\"request\": text, \"response\": hex}}}}";

    /// <summary>Loads a file; an empty set when it does not exist. Throws <see cref="MocketRecordingException"/> when it cannot be used.</summary>
    public static RecordedExchanges Load(string path)
    {
        var exchanges = new RecordedExchanges();
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw new IOException("It is a directory, not a file.");
            }

            if (!File.Exists(path))
            {
                return exchanges;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MocketRecordingException(
                $"Mocket could not read the recording file {path}: {ex.Message} Make it readable, or move it away to record again.",
                path, ex);
        }

        return Parse(path, bytes);
    }

    /// <summary>The exchanges in a recording file's bytes; <paramref name="path"/> names the file in errors. Throws <see cref="MocketRecordingException"/> when they cannot be used.</summary>
    internal static RecordedExchanges Parse(string path, ReadOnlyMemory<byte> bytes)
    {
        var exchanges = new RecordedExchanges();
        JsonDocument document;
        try
        {
            // An editor may have saved it with a UTF-8 byte order mark; JSON readers accept the text after it.
            var json = bytes;
            if (json.Span.StartsWith("\uFEFF"u8))
            {
                json = json[3..];
            }

            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, string.Create(
                CultureInfo.InvariantCulture,
                $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message})"), ex);
        }

        using (document)
        {
            Read(path, document.RootElement, exchanges);
        }

        return exchanges;
    }

    /// <summary>Writes the exchanges atomically, creating the directory if needed.</summary>
    public static void Write(string path, RecordedExchanges exchanges)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Serialize(exchanges));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new MocketRecordingException(
                $"Mocket could not write the recording file {path}: {ex.Message} The exchanges recorded by this scope were not saved; " +
                "make the directory writable and run the test again.",
                path, ex);
        }
    }

    private static void Read(string path, JsonElement root, RecordedExchanges exchanges)
    {
        Expect(path, root, "$", "the top level");
        foreach (var host in root.EnumerateObject())
        {
            var hostName = Name(path, host, "$");
            var hostPath = $"$[\"{hostName}\"]";
            Expect(path, host.Value, hostPath, $"host \"{hostName}\"");
            foreach (var port in host.Value.EnumerateObject())
            {
                var portName = Name(path, port, hostPath);
                var portPath = $"{hostPath}[\"{portName}\"]";
                var location = ParseLocation(path, hostName, portName, portPath);
                Expect(path, port.Value, portPath, $"port \"{portName}\" of host \"{hostName}\"");
                foreach (var record in port.Value.EnumerateObject())
                {
                    var signature = Name(path, record, portPath);
                    var recordPath = $"{portPath}[\"{signature}\"]";
                    Expect(path, record.Value, recordPath, $"the exchange {signature} at {location}");
                    exchanges.Set(location, signature, ReadExchange(path, signature, record.Value, recordPath));
                }
            }
        }
    }

    private static RecordedExchange ReadExchange(string path, string signature, JsonElement record, string recordPath)
    {
        var requestText = RequiredString(path, record, RequestKey, recordPath);
        var responseHex = RequiredString(path, record, ResponseKey, recordPath);
        if (!Hex.TryLoad(responseHex, out var response, out var error))
        {
            throw Corrupt(path, $"{recordPath}.{ResponseKey} is not hex: {error}");
        }

        var responseText = record.TryGetProperty(ResponseTextKey, out var text) && text.ValueKind == JsonValueKind.String
            ? Text(path, text, $"{recordPath}.{ResponseTextKey}")
            : null;
        return new RecordedExchange(DecodeRequest(requestText, signature), response, responseText);
    }

    /// <summary>
    /// A request is stored as text; a binary one as hex (the reference's reader accepts both). Text whose
    /// signature is the key is text, even when it happens to look like hex.
    /// </summary>
    private static byte[] DecodeRequest(string text, string signature)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (RecordingSignature.Of(bytes) != signature && Hex.TryLoad(text, out var hex, out _))
        {
            return hex;
        }

        return bytes;
    }

    /// <summary>
    /// The file's bytes: indented JSON, keys sorted, pure ASCII (non-ASCII characters escaped as <c>\uXXXX</c>,
    /// as the reference's <c>json.dumps</c> does), so any reader decodes it whatever its default encoding.
    /// </summary>
    internal static byte[] Serialize(RecordedExchanges exchanges)
    {
        using var buffer = new MemoryStream();
        WriteJson(buffer, exchanges);
        var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var ascii = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            // Outside strings JSON is ASCII already, so every non-ASCII character here is inside a string.
            if (c > '\u007F')
            {
                ascii.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                ascii.Append(c);
            }
        }

        return System.Text.Encoding.ASCII.GetBytes(ascii.ToString());
    }

    private static void WriteJson(Stream stream, RecordedExchanges exchanges)
    {
        var options = new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
#if NET9_0_OR_GREATER
            IndentSize = 4,
#endif
        };
        using var json = new Utf8JsonWriter(stream, options);
        json.WriteStartObject();
        foreach (var host in exchanges.Locations.GroupBy(l => l.Host).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(host.Key);
            foreach (var location in host.OrderBy(l => l.Port.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal))
            {
                json.WriteStartObject(location.Port.ToString(CultureInfo.InvariantCulture));
                foreach (var (signature, exchange) in exchanges.At(location).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteStartObject(signature);
                    json.WriteString(RequestKey, RecordingText.Utf8(exchange.Request) ?? Hex.Dump(exchange.Request));
                    json.WriteString(ResponseKey, Hex.Dump(exchange.Response));
                    if (exchange.ResponseText is not null)
                    {
                        json.WriteString(ResponseTextKey, exchange.ResponseText);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static MocketLocation ParseLocation(string path, string host, string port, string portPath)
    {
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw Corrupt(path, $"{portPath}: the port \"{port}\" is not a number in 1..65535");
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            throw Corrupt(path, $"{portPath}: the host name is empty");
        }

        return new MocketLocation(host, number);
    }

    private static void Expect(string path, JsonElement element, string at, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(path, $"{at}: {what} should be a JSON object but is {Describe(element.ValueKind)}");
        }
    }

    private static string RequiredString(string path, JsonElement record, string key, string recordPath)
    {
        if (!record.TryGetProperty(key, out var value))
        {
            throw Corrupt(path, $"{recordPath} has no \"{key}\"");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Corrupt(path, $"{recordPath}.{key} should be a string but is {Describe(value.ValueKind)}");
        }

        return Text(path, value, $"{recordPath}.{key}")!;
    }

    // JsonDocument checks that a string is text (UTF-8, no half of a surrogate pair escaped) only when it is read, and
    // then throws InvalidOperationException: every name and string is read through these two (found by fuzz/run recording).
    private static string Name(string path, JsonProperty property, string within)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException ex)
        {
            throw NotText(path, $"a name in {within}", ex);
        }
    }

    private static string? Text(string path, JsonElement value, string at)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw NotText(path, at, ex);
        }
    }

    private static MocketRecordingException NotText(string path, string at, InvalidOperationException ex) =>
        Corrupt(path, $"{at} is not text: its bytes are not UTF-8, or it escapes half of a UTF-16 surrogate pair ({ex.Message})", ex);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an object",
    };

    private static MocketRecordingException Corrupt(string path, string what, Exception? inner = null) => new(
        $"The Mocket recording file {path} is corrupt: {what}. Expected the shape {Shape}. " +
        "Mocket leaves the file untouched: fix it, or move it away to record again.",
        path, inner);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless.
        }
    }
}
