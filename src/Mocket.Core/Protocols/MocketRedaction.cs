namespace MocketNet.Protocols;

/// <summary>
/// What a protocol must hide when an exchange is recorded: the field names a scope asked to redact
/// (<see cref="MocketOptions.RedactedFields"/>), which a protocol adds to its own secrets, and the text
/// that replaces a redacted value.
/// </summary>
public sealed class MocketRedaction
{
    /// <summary>The text that replaces a redacted value.</summary>
    public const string Placeholder = "REDACTED";

    private readonly HashSet<string> _fields;

    /// <summary>Creates a redaction of the given field names (compared case-insensitively).</summary>
    /// <param name="fields">Field names, such as HTTP header names or query-string keys.</param>
    public MocketRedaction(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new HashSet<string>(fields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The field names the scope asked to redact, besides the protocol's own secrets.</summary>
    public IReadOnlyCollection<string> Fields => _fields;

    /// <summary>Whether the scope asked to redact a field (case-insensitive).</summary>
    /// <param name="field">A field name, such as a header name or a query-string key.</param>
    public bool IsRedacted(string field) => field is not null && _fields.Contains(field);
}
