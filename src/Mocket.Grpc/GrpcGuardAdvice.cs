using System.Diagnostics;
using MocketNet.Protocols;

// Installs the advice for Grpc.Net.Client's default channel whenever a scope opens, even in a test that never names MockGrpc.
[assembly: MocketPack(typeof(MocketNet.Grpc.GrpcGuardAdvice))]

namespace MocketNet.Grpc;

/// <summary>
/// <c>GrpcChannel.ForAddress(url)</c> with no HttpHandler, and <c>AddGrpcClient&lt;T&gt;()</c> with its default primary handler, load-balance: its subchannels resolve the host and open their own
/// sockets before HttpClient (and Mocket's seam) sees a request, so no in-process seam can serve it. When the network guard
/// sees such a lookup, the violation says so and gives the one-line fix.
/// </summary>
internal static class GrpcGuardAdvice
{
    public const string DefaultChannel =
        "Grpc.Net.Client's default channel (GrpcChannel.ForAddress(address) with no HttpHandler) resolves and connects its own sockets " +
        "for load balancing, before any request reaches HttpClient, so Mocket cannot serve it. Give the channel Mocket's handler: " +
        "GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = MockHttp.CreateHandler() }); for clients from " +
        "AddGrpcClient<T>(), in the test's service setup: services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => MockHttp.CreateHandler())). " +
        "See docs/grpc.md.";

    static GrpcGuardAdvice() => MocketServer.AddGuardLookupAdvice(static _ => FromGrpcBalancer() ? DefaultChannel : null);

    /// <summary>Whether the lookup is being made by Grpc.Net.Client's balancer (its subchannel transport is on the stack).</summary>
    private static bool FromGrpcBalancer() =>
        new StackTrace(skipFrames: 2).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Grpc.Net.Client.Balancer", StringComparison.Ordinal) == true);
}
