namespace MocketNet.Http.Tests.Recording;

/// <summary>What a client saw of a reply: status, every header (sorted) and the body as text; compared between runs.</summary>
internal sealed record Reply(int Status, string Headers, string Body)
{
    public static async Task<Reply> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var headers = response.Headers.Concat(response.Content.Headers)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal);
        return new Reply((int)response.StatusCode, string.Join("\n", headers), await response.Content.ReadAsStringAsync());
    }
}
