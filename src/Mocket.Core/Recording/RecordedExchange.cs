namespace MocketNet.Recording;

/// <summary>One recorded exchange: the request as stored (redacted), the reply's bytes, and its readable text if any.</summary>
internal sealed record RecordedExchange(byte[] Request, byte[] Response, string? ResponseText);
