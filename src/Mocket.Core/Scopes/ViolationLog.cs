using System.Net;
using MocketNet.Protocols;

namespace MocketNet.Scopes;

/// <summary>Every real network use a scope saw (refused requests and connections, and what the network guard observed), each explained.</summary>
internal sealed class ViolationLog(MocketOptions options, EntryRegistry registry, Lock sync)
{
    private readonly Lock _sync = sync;
    private List<MocketViolation>? _violations; // made on the first violation: most scopes see none

    public IReadOnlyList<MocketViolation> All
    {
        get
        {
            lock (_sync)
            {
                return _violations is null ? [] : [.. _violations];
            }
        }
    }

    /// <summary>A strict refusal of a request no entry handled; the exception names the address, the request and every entry.</summary>
    public StrictMocketException UnmatchedRequest(MocketRequest request, string? recordingFile) => Add(
        MocketViolationKind.UnmatchedRequest, request.Location.ToString(), request.FirstLine, request,
        $"Register an entry that matches this request, or allow the address with {Allow(request.Host)} (or \"{request.Location}\")" +
        (recordingFile is null
            ? "."
            : $"; no exchange recorded in {recordingFile} matched it either (allowing the address lets it be recorded there)."));

    /// <summary>A strict refusal of a connection, before any request, to a location with no entries.</summary>
    public StrictMocketException UnregisteredLocation(MocketLocation location) => Add(
        MocketViolationKind.UnregisteredLocation, location.ToString(), sentData: null, request: null,
        $"Register an entry for {location} before connecting to it, or allow it with {Allow(location.Host)}.");

    public void GuardConnection(IPEndPoint endPoint) => AddOrCount(
        MocketViolationKind.Connection, endPoint.ToString(), sentData: null, request: null,
        MocketServer.GuardAdvice(endPoint) ??
        "A client Mocket does not intercept (such as a raw TcpClient) opened a real connection. " +
        "Serve it with Mocket.Listen(host, port) and point the client at the endpoint, or allow the address.");

    public void GuardDnsLookup(string host) => AddOrCount(
        MocketViolationKind.DnsLookup, host, sentData: null, request: null,
        MocketServer.GuardLookupAdvice(host) ??
        "A client Mocket does not intercept looked this host up in DNS. " +
        "Serve it with Mocket.Listen(host, port) and point the client at the endpoint, or allow the host.");

    /// <summary>What the guard saw: a new violation, or one more attempt of one already reported for the same address.</summary>
    private void AddOrCount(MocketViolationKind kind, string address, string? sentData, MocketRequest? request, string hint)
    {
        lock (_sync)
        {
            var index = _violations?.FindIndex(v => v.Kind == kind && v.Address == address) ?? -1;
            if (index >= 0)
            {
                var attempts = _violations![index].Attempts + 1;
                var message = Reports.NetworkUse(kind, options.Strict, address, sentData, registry.All, request, hint, attempts);
                _violations[index] = new MocketViolation(kind, address, sentData, message, attempts);
                return;
            }
        }

        Add(kind, address, sentData, request, hint);
    }

    /// <summary>How the user allows a host, in the terms they opened the scope with.</summary>
    private string Allow(string host) => options.FromAttribute
        ? $"[Mocketize(Strict = true, AllowedHosts = new[] {{ \"{host}\" }})]"
        : $"MocketOptions.AllowedHosts = {{ \"{host}\" }}";

    private StrictMocketException Add(MocketViolationKind kind, string address, string? sentData, MocketRequest? request, string hint)
    {
        var message = Reports.NetworkUse(kind, options.Strict, address, sentData, registry.All, request, hint);
        var violation = new MocketViolation(kind, address, sentData, message);
        lock (_sync)
        {
            (_violations ??= []).Add(violation);
        }

        return new StrictMocketException(message, [violation]);
    }
}
