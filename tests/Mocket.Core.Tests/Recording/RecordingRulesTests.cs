using System.Text;
using MocketNet.Protocols;

namespace MocketNet.Tests.Recording;

public class RecordingRulesTests
{
    private static readonly MocketRedaction Redaction = new(["token"]);

    [Fact]
    public void The_verbatim_rules_record_and_match_the_exact_bytes()
    {
        var rules = MocketRecordingRules.Verbatim;
        var bytes = new ReadOnlyMemory<byte>([1, 2, 3]);

        Assert.True(rules.RecordedRequest(bytes, Redaction).Span.SequenceEqual(bytes.Span));
        Assert.True(rules.RecordedResponse(bytes, bytes, Redaction).Span.SequenceEqual(bytes.Span));
        Assert.True(rules.Normalize(bytes).Span.SequenceEqual(bytes.Span));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n\r\n{\"a\": \"ü\"}\t", true)]
    [InlineData("bell\a", false)]
    public void The_default_readable_text_is_the_reply_when_it_is_printable_utf8(string reply, bool printable) =>
        Assert.Equal(printable ? reply : null, MocketRecordingRules.Verbatim.Describe(Encoding.UTF8.GetBytes(reply)));

    [Fact]
    public void Invalid_utf8_has_no_readable_text() =>
        Assert.Null(MocketRecordingRules.Verbatim.Describe(new byte[] { 0x41, 0xFF }));

    [Fact]
    public void A_redaction_compares_field_names_case_insensitively_and_ignores_blank_ones()
    {
        var redaction = new MocketRedaction(["X-Api-Key", " ", null!]);

        Assert.True(redaction.IsRedacted("x-api-key"));
        Assert.False(redaction.IsRedacted("Accept"));
        Assert.Equal(["X-Api-Key"], redaction.Fields);
        Assert.Equal("REDACTED", MocketRedaction.Placeholder);
    }
}
