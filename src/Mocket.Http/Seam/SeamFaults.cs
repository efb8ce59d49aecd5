using System.Collections.Concurrent;
using System.Globalization;

namespace MocketNet.Http.Seam;

/// <summary>
/// Exceptions waiting to be raised on the caller's side of the global seam: the loopback fake cannot send
/// an exception over a socket, so it answers with a marker header naming one of these, and the seam's
/// Response event throws it to the caller.
/// </summary>
internal static class SeamFaults
{
    public const string Header = "X-Mocket-Fault";

    private static readonly ConcurrentDictionary<string, Exception> s_pending = new(StringComparer.Ordinal);
    private static long s_next;

    public static string Add(Exception exception)
    {
        var token = Interlocked.Increment(ref s_next).ToString(CultureInfo.InvariantCulture);
        s_pending[token] = exception;
        return token;
    }

    public static Exception? Take(string token) => s_pending.TryRemove(token, out var exception) ? exception : null;
}
