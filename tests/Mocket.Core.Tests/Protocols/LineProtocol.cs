using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Tests.Protocols;

/// <summary>
/// A tiny protocol written the way a pack writes one: requests are "\n"-terminated lines, a line with a
/// control character is malformed, PING is answered built-in, and strict refusals are "-ERR" lines.
/// </summary>
public sealed class LineProtocol : MocketProtocol<LineProtocol.LineRequest, LineProtocol.LineResponse>
{
    public static LineProtocol Instance { get; } = new();

    public override string Name => "line";

    public override MocketProtocolSession<LineRequest, LineResponse> CreateSession(MocketConnectionInfo connection) => new Session(connection);

    public sealed class LineRequest(MocketLocation location, ReadOnlyMemory<byte> data, string line) : MocketRequest(location, data)
    {
        public string Line { get; } = line;
    }

    public sealed class LineResponse(string line, Exception? exception = null) : MocketResponse(exception)
    {
        public string Line { get; } = line;

        public static implicit operator LineResponse(string line) => new(line);
    }

    public sealed class LineEntry(string host, int port, string line, params LineResponse[] responses)
        : MocketEntry<LineRequest, LineResponse>(host, port, Instance, responses)
    {
        public override bool CanHandle(LineRequest request) => request.Line == line;

        public override string? ExplainMismatch(LineRequest request) => $"expected line \"{line}\", got \"{request.Line}\"";

        public override string ToString() => $"LineEntry(\"{line}\")";
    }

    private sealed class Session(MocketConnectionInfo connection) : MocketProtocolSession<LineRequest, LineResponse>(connection)
    {
        protected override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out LineRequest? request)
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

            request = new LineRequest(Connection.Location, buffer.Slice(0, reader.Position).ToArray(), text.TrimEnd('\r'));
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        protected override ValueTask WriteResponseAsync(LineRequest request, LineResponse response, CancellationToken cancellationToken) =>
            WriteAsync(Encoding.UTF8.GetBytes(response.Line + "\n"), cancellationToken);

        protected override bool HasBuiltInAnswer(LineRequest request) => request.Line == "PING";

        protected override ValueTask WriteBuiltInAnswerAsync(LineRequest request, CancellationToken cancellationToken) =>
            WriteAsync("PONG\n"u8.ToArray(), cancellationToken);

        protected override async ValueTask<bool> WriteRefusalAsync(LineRequest request, StrictMocketException violation, CancellationToken cancellationToken)
        {
            await WriteAsync("-ERR no entry\n"u8.ToArray(), cancellationToken);
            return true;
        }

        protected override ValueTask WriteRejectionAsync(MocketProtocolException error, CancellationToken cancellationToken) =>
            WriteAsync("-ERR malformed\n"u8.ToArray(), cancellationToken);
    }
}
