using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace MocketNet.Protocols;

/// <summary>Raw framing: the pump hands this session one client write at a time, and all of it is one request.</summary>
internal sealed class RawProtocolSession(MocketConnectionInfo connection) : MocketProtocolSession<MocketRequest, RawResponse>(connection)
{
    protected override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
    {
        if (buffer.IsEmpty)
        {
            request = null;
            return false;
        }

        request = new MocketRequest(Connection.Location, buffer.ToArray());
        buffer = buffer.Slice(buffer.End);
        return true;
    }

    protected override ValueTask WriteResponseAsync(MocketRequest request, RawResponse response, CancellationToken cancellationToken) =>
        WriteAsync(response.Data, cancellationToken);
}
