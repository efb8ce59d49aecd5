using Grpc.Core;

namespace MocketNet.Grpc;

/// <summary>What a gRPC entry sends besides its messages: response headers, trailers, and a delay (a deadline shorter than it expires as on a real server).</summary>
public sealed record GrpcMockOptions
{
    /// <summary>Metadata sent as response headers (keys ending in <c>-bin</c> carry bytes).</summary>
    public Metadata? ResponseHeaders { get; init; }

    /// <summary>Metadata sent as trailers, beside <c>grpc-status</c>.</summary>
    public Metadata? ResponseTrailers { get; init; }

    /// <summary>How long the fake server takes to answer. When the call's deadline is sooner, the call ends at its deadline with <see cref="StatusCode.DeadlineExceeded"/>.</summary>
    public TimeSpan Delay { get; init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A delay is zero or more."); }
}
