using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MocketNet.Protocols;

namespace MocketNet.Recording;

/// <summary>
/// A scope's recording: looks unmatched requests up in <c>&lt;dir&gt;/&lt;namespace&gt;.json</c>, records the
/// real exchanges of the ones passed through, and saves them when the scope closes. Thread-safe (every
/// connection of the scope shares it); the protocol's recording rules are called outside its lock.
/// </summary>
internal sealed class ScopeRecorder
{
    // Saves merge with the file on disk; one at a time in the process, so scopes sharing a namespace lose nothing.
    private static readonly Lock s_saveLock = new();

    private readonly Lock _sync = new();
    private readonly RecordedExchanges _exchanges;
    private readonly RecordedExchanges _added = new();
    private readonly HashSet<(MocketLocation Location, string Signature)> _removed = [];

    private ScopeRecorder(string filePath, MocketRecordMode mode, MocketRedaction redaction, RecordedExchanges exchanges)
    {
        FilePath = filePath;
        Mode = mode;
        Redaction = redaction;
        _exchanges = exchanges;
    }

    /// <summary>The recording file, full path.</summary>
    public string FilePath { get; }

    /// <summary>The mode in force (the environment variable's, else the option's).</summary>
    public MocketRecordMode Mode { get; }

    public MocketRedaction Redaction { get; }

    /// <summary>The recorder for a scope's options; null when they name no recording directory. Loads the file.</summary>
    /// <exception cref="MocketRecordingException">The file is corrupt or unreadable, or MOCKET_RECORD_MODE is invalid.</exception>
    public static ScopeRecorder? Open(MocketOptions options)
    {
        if (options.RecordingDirectory is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.RecordingDirectory))
        {
            throw new ArgumentException(
                "MocketOptions.RecordingDirectory is empty. Give a directory (it is created if missing), or null to record nothing.",
                nameof(options));
        }

        var mode = RecordModes.Resolve(options.RecordMode);
        var path = RecordingFileName.PathFor(options.RecordingDirectory, options.Namespace);
        return new ScopeRecorder(path, mode, new MocketRedaction(options.RedactedFields), RecordingFile.Load(path));
    }

    /// <summary>Whether any exchange was recorded at a location (a strict scope may then connect there).</summary>
    public bool HasExchangesAt(MocketLocation location)
    {
        lock (_sync)
        {
            return _exchanges.At(location).Count > 0;
        }
    }

    /// <summary>
    /// The recorded reply to a request, unless the mode is <see cref="MocketRecordMode.All"/> or none matches.
    /// <paramref name="upstream"/> is what the real server would be sent (a pack may carry connection state there that the request's own bytes lack).
    /// </summary>
    public bool TryReplay(MocketRecordingRules rules, MocketLocation location, ReadOnlyMemory<byte> upstream, [NotNullWhen(true)] out byte[]? response)
    {
        response = null;
        if (Mode == MocketRecordMode.All || !HasExchangesAt(location))
        {
            return false;
        }

        // The exact signatures first (a file the reference wrote, or an unredacted one), then the normalised forms.
        var redacted = rules.RecordedRequest(upstream, Redaction);
        var signature = RecordingSignature.Of(redacted.Span);
        var rawSignature = redacted.Span.SequenceEqual(upstream.Span) ? signature : RecordingSignature.Of(upstream.Span);
        RecordedExchange? found;
        lock (_sync)
        {
            var atLocation = _exchanges.At(location);
            found = atLocation.GetValueOrDefault(signature) ?? atLocation.GetValueOrDefault(rawSignature);
        }

        if (found is null)
        {
            var normalized = NormalizedSignature(rules, redacted);
            found = Snapshot(location).FirstOrDefault(r => MatchesNormalized(rules, r.Value, normalized)).Value;
        }

        response = found?.Response;
        return response is not null;
    }

    /// <summary>Records a real exchange (<paramref name="upstream"/> is what the server was sent), replacing any recorded one whose request matches it.</summary>
    public void Record(MocketRecordingRules rules, MocketLocation location, ReadOnlyMemory<byte> upstream, ReadOnlyMemory<byte> response)
    {
        var redacted = rules.RecordedRequest(upstream, Redaction);
        var reply = rules.RecordedResponse(redacted, response, Redaction);
        var exchange = new RecordedExchange(redacted.ToArray(), reply.ToArray(), rules.Describe(reply));
        var signature = RecordingSignature.Of(redacted.Span);
        var normalized = NormalizedSignature(rules, redacted);
        var replaced = Snapshot(location)
            .Where(r => r.Key != signature && MatchesNormalized(rules, r.Value, normalized))
            .Select(r => r.Key)
            .ToList();

        lock (_sync)
        {
            foreach (var old in replaced)
            {
                _exchanges.Remove(location, old);
                _added.Remove(location, old);
                _removed.Add((location, old));
            }

            _exchanges.Set(location, signature, exchange);
            _added.Set(location, signature, exchange);
            _removed.Remove((location, signature));
        }
    }

    /// <summary>The error for a request a replay-only scope has no recording of.</summary>
    public MocketRecordingException Miss(MocketRequest request) => new(
        $"Mocket is replaying only (record mode None), and the recording {FilePath} holds no exchange for this request to {request.Location}: " +
        $"\"{request.FirstLine}\" ({Snapshot(request.Location).Length.ToString(CultureInfo.InvariantCulture)} exchange(s) recorded for that address). " +
        $"Nothing was sent to the network. Record it by running the test once against the real server with {RecordModes.EnvironmentVariable}=once " +
        "(or MocketOptions.RecordMode = MocketRecordMode.Once), or register an entry for it.",
        FilePath);

    /// <summary>Writes what this scope recorded, merged into the file as it is on disk now. Nothing to write: no I/O.</summary>
    /// <exception cref="MocketRecordingException">The file on disk became corrupt (it is left untouched) or cannot be written.</exception>
    public void Save()
    {
        lock (s_saveLock)
        {
            lock (_sync)
            {
                if (_added.Count == 0 && _removed.Count == 0)
                {
                    return;
                }
            }

            var merged = RecordingFile.Load(FilePath);
            lock (_sync)
            {
                foreach (var (location, signature) in _removed)
                {
                    merged.Remove(location, signature);
                }

                foreach (var location in _added.Locations)
                {
                    foreach (var (signature, exchange) in _added.At(location))
                    {
                        merged.Set(location, signature, exchange);
                    }
                }
            }

            RecordingFile.Write(FilePath, merged);
            lock (_sync)
            {
                _added.Clear();
                _removed.Clear();
            }
        }
    }

    /// <summary>Whether a recorded request, redacted and normalised as a live one is, has the signature <paramref name="normalized"/>.</summary>
    private bool MatchesNormalized(MocketRecordingRules rules, RecordedExchange exchange, string normalized) =>
        NormalizedSignature(rules, rules.RecordedRequest(exchange.Request, Redaction)) == normalized;

    private static string NormalizedSignature(MocketRecordingRules rules, ReadOnlyMemory<byte> redacted) =>
        RecordingSignature.Of(rules.Normalize(redacted).Span);

    private KeyValuePair<string, RecordedExchange>[] Snapshot(MocketLocation location)
    {
        lock (_sync)
        {
            return [.. _exchanges.At(location)];
        }
    }
}
