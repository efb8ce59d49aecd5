using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using MocketNet.Scopes;

namespace MocketNet.Guard;

/// <summary>
/// Sees every real TCP connection attempt and DNS lookup in the process (through the runtime's
/// System.Net.Sockets and System.Net.NameResolution event sources) and attributes each to the scope
/// of the flow that made it. It cannot block an attempt; the scope reports it when it closes.
/// Events are enabled only while at least one scope is open.
/// </summary>
internal sealed class NetworkGuard : EventListener
{
    private const string SocketsSource = "System.Net.Sockets";
    private const string NameResolutionSource = "System.Net.NameResolution";

    private static readonly Lock s_lock = new();
    private static readonly AsyncLocal<bool> s_suppressed = new();
    private static readonly ConcurrentDictionary<int, int> s_ownPorts = new();
    private static NetworkGuard? s_instance;
    private static int s_openScopes;

    // Field initialisers run before the base constructor, which already reports existing sources.
    private readonly List<EventSource> _sources = [];
    private bool _enabled;

    /// <summary>Whether the guard is listening now (for tests).</summary>
    internal static bool IsListening
    {
        get
        {
            lock (s_lock)
            {
                return s_instance is { _enabled: true };
            }
        }
    }

    public static void ScopeOpened()
    {
        lock (s_lock)
        {
            if (s_openScopes++ == 0)
            {
                s_instance ??= new NetworkGuard();
                s_instance.SetEnabled(true);
            }
        }
    }

    public static void ScopeClosed()
    {
        lock (s_lock)
        {
            if (--s_openScopes == 0)
            {
                s_instance?.SetEnabled(false);
            }
        }
    }

    /// <summary>Marks the current flow as Mocket's own (its pumps' pass-through), so the guard ignores it.</summary>
    public static void SuppressOnThisFlow() => s_suppressed.Value = true;

    public static void AddOwnPort(int port) => s_ownPorts.AddOrUpdate(port, 1, (_, count) => count + 1);

    public static void RemoveOwnPort(int port)
    {
        if (s_ownPorts.AddOrUpdate(port, 0, (_, count) => count - 1) <= 0)
        {
            s_ownPorts.TryRemove(new KeyValuePair<int, int>(port, 0));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name is not (SocketsSource or NameResolutionSource))
        {
            return;
        }

        lock (_sources)
        {
            _sources.Add(eventSource);
            if (_enabled)
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (s_suppressed.Value || eventData.Payload is not { Count: > 0 } payload || payload[0] is not string value)
        {
            return;
        }

        var scope = MocketScopes.Ambient;
        if (scope is null)
        {
            // A client that looks hosts up off the test's flow (Grpc.Net.Client's balancer) is known by a pack's advice; it is
            // the test's when only one scope is open.
            if (eventData.EventName == "ResolutionStart" && MocketScopes.OnlyOpen is { } only && Protocols.MocketServer.GuardLookupAdvice(value) is not null)
            {
                only.Server.OnGuardDnsLookup(value);
            }

            return;
        }

        if (eventData.EventName == "ConnectStart" && eventData.EventSource.Name == SocketsSource)
        {
            if (SocketAddressText.TryParse(value, out var endPoint)
                && !(IPAddress.IsLoopback(endPoint.Address) && s_ownPorts.ContainsKey(endPoint.Port)))
            {
                scope.Server.OnGuardConnection(endPoint);
            }
        }
        else if (eventData.EventName == "ResolutionStart" && eventData.EventSource.Name == NameResolutionSource)
        {
            if (!IPAddress.TryParse(value, out _) && !string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                scope.Server.OnGuardDnsLookup(value);
            }
        }
    }

    private void SetEnabled(bool enabled)
    {
        lock (_sources)
        {
            _enabled = enabled;
            foreach (var source in _sources)
            {
                if (enabled)
                {
                    EnableEvents(source, EventLevel.Informational);
                }
                else
                {
                    DisableEvents(source);
                }
            }
        }
    }
}
