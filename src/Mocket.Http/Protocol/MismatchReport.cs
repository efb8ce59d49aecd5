using System.Text;

namespace MocketNet.Http.Protocol;

/// <summary>Explains a request that reached a location with entries, none of which matched.</summary>
internal static class MismatchReport
{
    public static string ForPassThrough(MocketScope scope, HttpMockRequest? request, Exception failure)
    {
        var text = new StringBuilder();
        if (request is null)
        {
            return $"Mocket could not reach the real server: {failure.Message}";
        }

        text.Append("No HTTP entry matched ").Append(request.FirstLine).Append(" to ").Append(request.Location.ToString())
            .Append(", so Mocket passed it to the real server (true socket), which failed: ").Append(failure.Message).AppendLine();
        AppendClosest(text, scope.Entries, request);
        text.Append("Register an entry that matches the request, or make the scope strict (MocketOptions.Strict) to refuse unmatched requests.");
        return text.ToString();
    }

    public static void AppendClosest(StringBuilder text, IReadOnlyList<MocketEntry> entries, HttpMockRequest request)
    {
        var closest = entries.Where(e => e.Location == request.Location).ToList();
        if (closest.Count == 0)
        {
            text.Append("No entry is registered at ").Append(request.Location.ToString()).AppendLine(".");
            return;
        }

        text.Append("Entries at ").Append(request.Location.ToString()).AppendLine(", closest first:");
        foreach (var entry in closest.OrderBy(e => (e.ExplainMismatch(request) ?? string.Empty).Split("; ").Length))
        {
            text.Append("  ").AppendLine(entry.ToString())
                .Append("    did not match: ").AppendLine(entry.ExplainMismatch(request) ?? "(no reason given)");
        }
    }
}
