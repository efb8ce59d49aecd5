using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace MocketNet.Redis.Tests.Support;

/// <summary>
/// Counts every real TCP connection attempt the process makes to one port, from any flow (Mocket's own pumps
/// included, which its network guard deliberately ignores), through the runtime's System.Net.Sockets events.
/// </summary>
public sealed class ConnectionAttempts : EventListener
{
    private readonly ConcurrentQueue<string> _attempts = new();
    private readonly int _port;

    public ConnectionAttempts(int port)
    {
        _port = port;
    }

    public int Count => _attempts.Count;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "System.Net.Sockets")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // The payload is the socket address: "InterNetwork:16:{port hi, port lo, a, b, c, d, ...}" (or InterNetworkV6).
        if (eventData.EventName != "ConnectStart" || eventData.Payload is not [string address, ..])
        {
            return;
        }

        var open = address.IndexOf('{', StringComparison.Ordinal);
        var bytes = address[(open + 1)..].TrimEnd('}').Split(',', StringSplitOptions.TrimEntries);
        if (open >= 0 && bytes.Length > 2
            && int.TryParse(bytes[0], CultureInfo.InvariantCulture, out var high)
            && int.TryParse(bytes[1], CultureInfo.InvariantCulture, out var low)
            && (high * 256) + low == _port)
        {
            _attempts.Enqueue(address);
        }
    }
}
