using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Tests.Recording;

public class SessionRecordingHookTests
{
    private static readonly MocketRedaction Redaction = new(["token"]);

    [Fact]
    public void The_default_hooks_record_and_match_the_exact_bytes()
    {
        var session = NewSession();
        var bytes = new ReadOnlyMemory<byte>([1, 2, 3]);

        Assert.True(session.GetRecordedRequest(bytes, Redaction).Span.SequenceEqual(bytes.Span));
        Assert.True(session.GetRecordedResponse(bytes, bytes, Redaction).Span.SequenceEqual(bytes.Span));
        Assert.True(session.NormalizeRecordedRequest(bytes).Span.SequenceEqual(bytes.Span));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n{\"a\": \"ü\"}\t", true)]
    [InlineData("bell\a", false)]
    public void The_default_readable_text_is_the_reply_when_it_is_printable_utf8(string reply, bool printable) =>
        Assert.Equal(printable ? reply : null, NewSession().DescribeRecordedResponse(Encoding.UTF8.GetBytes(reply)));

    [Fact]
    public void Invalid_utf8_has_no_readable_text() =>
        Assert.Null(NewSession().DescribeRecordedResponse(new byte[] { 0x41, 0xFF }));

    [Fact]
    public void A_redaction_compares_field_names_case_insensitively_and_ignores_blank_ones()
    {
        var redaction = new MocketRedaction(["X-Api-Key", " ", null!]);

        Assert.True(redaction.IsRedacted("x-api-key"));
        Assert.False(redaction.IsRedacted("Accept"));
        Assert.Equal(["X-Api-Key"], redaction.Fields);
        Assert.Equal("REDACTED", MocketRedaction.Placeholder);
    }

    private static MocketProtocolSession NewSession()
    {
        using var scope = Mocket.Enable();
        return new BareProtocol().CreateSession(new MocketConnectionInfo(scope, new MocketLocation("hooks.test", 1), isLoopback: false));
    }

    private sealed class BareProtocol : MocketProtocol
    {
        public override string Name => "bare";

        public override MocketProtocolSession CreateSession(MocketConnectionInfo connection) => new Session(connection);

        private sealed class Session(MocketConnectionInfo connection) : MocketProtocolSession(connection)
        {
            public override bool TryReadRequest(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MocketRequest? request)
            {
                request = null;
                return false;
            }

            public override ValueTask WriteResponseAsync(Stream output, MocketRequest request, object response, CancellationToken cancellationToken) =>
                ValueTask.CompletedTask;
        }
    }
}
