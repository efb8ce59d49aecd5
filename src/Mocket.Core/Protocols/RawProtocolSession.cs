using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MocketNet.Protocols;

/// <summary>Raw framing: the pump hands this session one client write at a time, and all of it is one request.</summary>
internal sealed class RawProtocolSession(MocketConnectionInfo connection) : MocketProtocolSession(connection)
{
    public override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
    {
        if (buffer.IsEmpty)
        {
            request = null;
            return false;
        }

        request = new MocketRequest(Connection.Host, Connection.Port, buffer.ToArray());
        buffer = buffer.Slice(buffer.End);
        return true;
    }

    public override async ValueTask WriteResponseAsync(Stream output, MocketRequest request, object response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = response switch
        {
            byte[] b => b,
            string s => Encoding.UTF8.GetBytes(s),
            _ => throw new ArgumentException($"A raw connection cannot send a {response.GetType().FullName}.", nameof(response)),
        };
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
