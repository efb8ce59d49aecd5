using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Tests.Protocols;

/// <summary>
/// A tiny protocol written the way a pack writes one: requests are "\n"-terminated lines, a line with
/// a control character is malformed, PING is answered built-in, and strict refusals are "-ERR" lines.
/// </summary>
public sealed class LineProtocol : MocketProtocol
{
    public static LineProtocol Instance { get; } = new();

    public override string Name => "line";

    public override MocketProtocolSession CreateSession(MocketConnectionInfo connection) => new Session(connection);

    public sealed class LineRequest(string host, int port, ReadOnlyMemory<byte> data, string line) : MocketRequest(host, port, data)
    {
        public string Line { get; } = line;
    }

    public sealed class LineEntry(string host, int port, string line, params string[] responses)
        : MocketEntry(host, port, Instance, responses)
    {
        public override bool CanHandle(MocketRequest request) => request is LineRequest r && r.Line == line;

        public override string? ExplainMismatch(MocketRequest request) =>
            request is LineRequest r ? $"expected line \"{line}\", got \"{r.Line}\"" : null;

        public override string ToString() => $"LineEntry(\"{line}\")";
    }

    private sealed class Session(MocketConnectionInfo connection) : MocketProtocolSession(connection)
    {
        public override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
        {
            request = null;
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                return false;
            }

            var text = Encoding.UTF8.GetString(line);
            if (text.Any(c => char.IsControl(c) && c != '\r'))
            {
                throw new MocketProtocolException($"A line request may not hold control characters: \"{text}\".");
            }

            request = new LineRequest(Connection.Host, Connection.Port, buffer.Slice(0, reader.Position).ToArray(), text.TrimEnd('\r'));
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        public override async ValueTask WriteResponseAsync(Stream output, MocketRequest request, object response, CancellationToken cancellationToken)
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes((string)response + "\n"), cancellationToken);
        }

        public override bool TryGetBuiltInResponse(MocketRequest request, [NotNullWhen(true)] out object? response)
        {
            response = ((LineRequest)request).Line == "PING" ? "PONG" : null;
            return response is not null;
        }

        public override bool TryGetRefusal(MocketRequest request, StrictMocketException violation, [NotNullWhen(true)] out object? response)
        {
            response = "-ERR no entry";
            return true;
        }

        public override async ValueTask WriteProtocolErrorAsync(Stream output, MocketProtocolException error, CancellationToken cancellationToken)
        {
            await output.WriteAsync("-ERR malformed\n"u8.ToArray(), cancellationToken);
        }
    }
}
