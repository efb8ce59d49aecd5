using System.Text;
using MocketNet.Http.Recording;
using MocketNet.Protocols;

namespace MocketNet.Http.Tests.Recording;

/// <summary>The recorded form of a request: one form whichever seam carried it, redacted, and its matched form.</summary>
public class RecordedHttpRequestTests
{
    private const string Canonical =
        "POST /orders?page=2 HTTP/1.1\r\nHost: api.test:8080\r\nAccept: application/json\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world";

    private static readonly MocketRedaction s_none = new([]);

    [Theory]
    [InlineData(Canonical)]
    [InlineData("POST http://api.test:8080/orders?page=2 HTTP/1.1\r\nAccept: application/json\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nProxy-Connection: keep-alive\r\n\r\nhello world")]
    [InlineData("POST http://api.test:8080/orders?page=2 HTTP/1.1\r\nHost: 127.0.0.1:40000\r\nAccept: application/json\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world")]
    [InlineData("POST /_mocket/http/api.test/8080/orders?page=2 HTTP/1.1\r\nHost: api.test:8080\r\nAccept: application/json\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world")]
    [InlineData("POST /_mocket/http/api.test/8080/orders?page=2 HTTP/1.1\r\nAccept: application/json\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world")]
    [InlineData("POST /orders?page=2 HTTP/1.1\r\nHost: api.test:8080\r\nAccept: application/json\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")]
    [InlineData("POST /orders?page=2 HTTP/1.1\r\nHost:api.test:8080\r\nAccept:   application/json\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world")]
    public void Every_form_a_seam_receives_is_recorded_as_the_origin_form(string received)
    {
        Assert.Equal(Canonical, Recorded(received));
    }

    [Theory]
    [InlineData(Canonical)]
    [InlineData("GET / HTTP/1.0\r\n\r\n")]
    [InlineData("GET /x?api_key=1&b=2 HTTP/1.1\r\nHost: a.test\r\nAuthorization: Basic dXNlcjpwYXNz\r\nCookie: a=1; b=2\r\nX-Api-Key: k\r\n\r\n")]
    [InlineData("POST http://a.test/p HTTP/1.1\r\nTransfer-Encoding: chunked\r\nSet-Cookie: x=1; Path=/\r\n\r\n0\r\nX-Trailer: t\r\n\r\n")]
    public void The_recorded_form_is_idempotent(string received)
    {
        var redaction = new MocketRedaction(["api_key", "X-Api-Key"]);
        var once = RecordedHttpRequest.Canonical(Encoding.Latin1.GetBytes(received), redaction);

        Assert.Equal(once.ToArray(), RecordedHttpRequest.Canonical(once, redaction).ToArray());
        var normalized = RecordedHttpRequest.Normalize(once);
        Assert.Equal(normalized.ToArray(), RecordedHttpRequest.Normalize(normalized).ToArray());
    }

    [Theory]
    [InlineData("not http at all")]
    [InlineData("GET /partial HTTP/1.1\r\nHost: a.test\r\n")]
    [InlineData("GET /one HTTP/1.1\r\n\r\nGET /two HTTP/1.1\r\n\r\n")]
    [InlineData("GET /bad HTTP/2\r\nHost: a.test\r\n\r\n")]
    public void Bytes_that_are_not_one_whole_request_are_recorded_and_matched_as_they_are(string received)
    {
        var bytes = Encoding.Latin1.GetBytes(received);

        Assert.Equal(bytes, RecordedHttpRequest.Canonical(bytes, new MocketRedaction(["a"])).ToArray());
        Assert.Equal(bytes, RecordedHttpRequest.Normalize(bytes).ToArray());
    }

    [Fact]
    public void Secrets_are_replaced_in_headers_cookies_the_query_and_a_form_body_keeping_what_is_not_secret()
    {
        var redaction = new MocketRedaction(["X-Api-Key", "api key", "password"]);
        var request =
            "POST /login?api%20key=k1&api+key=k2&keep=1 HTTP/1.1\r\nHost: a.test\r\nAuthorization: Bearer tok\r\nProxy-Authorization: Basic cHJveHk=\r\n" +
            "Cookie: session=abc; theme=dark\r\nx-api-key: k3\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 27\r\n\r\nuser=ann&password=hunter2&x";

        var recorded = Encoding.Latin1.GetString(RecordedHttpRequest.Canonical(Encoding.Latin1.GetBytes(request), redaction).Span);

        Assert.Equal(
            "POST /login?api%20key=REDACTED&api+key=REDACTED&keep=1 HTTP/1.1\r\nHost: a.test\r\nAuthorization: Bearer REDACTED\r\n" +
            "Cookie: session=REDACTED; theme=REDACTED\r\nx-api-key: REDACTED\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 28\r\n\r\nuser=ann&password=REDACTED&x",
            recorded);
    }

    [Fact]
    public void A_bare_credential_is_replaced_whole()
    {
        var recorded = Recorded("GET / HTTP/1.1\r\nHost: a.test\r\nAuthorization: s3cr3t\r\n\r\n");

        Assert.Contains("Authorization: REDACTED\r\n", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public void The_matched_form_drops_trace_ids_dates_and_hop_by_hop_fields_and_keeps_only_product_names_of_the_user_agent()
    {
        var request =
            "GET /x HTTP/1.1\r\nHost: a.test\r\nUser-Agent: MyApp/1.2.3 (Linux; x64 (nested)) HttpClient/10.0\r\ntraceparent: 00-abc-def-01\r\ntracestate: k=v\r\n" +
            "baggage: user=1\r\nRequest-Id: |abc.1.\r\nCorrelation-Context: a=b\r\nDate: Tue, 24 Nov 2026 10:00:00 GMT\r\nX-Request-Id: 7\r\nConnection: keep-alive\r\nAccept: */*\r\n\r\n";

        var normalized = Encoding.Latin1.GetString(RecordedHttpRequest.Normalize(Encoding.Latin1.GetBytes(request)).Span);

        Assert.Equal("GET /x HTTP/1.1\r\nHost: a.test\r\nUser-Agent: MyApp HttpClient\r\nAccept: */*\r\n\r\n", normalized);
    }

    [Theory]
    [InlineData("python-requests/2.31.0", "python-requests")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", "Mozilla AppleWebKit Chrome Safari")]
    [InlineData("curl", "curl")]
    [InlineData("broken (unclosed comment", "broken")]
    [InlineData("stray) x/1", "stray x")]
    public void User_agent_products_lose_their_versions_and_comments(string userAgent, string products)
    {
        Assert.Equal(products, RecordedHttpRequest.Products(userAgent));
    }

    private static string Recorded(string request) =>
        Encoding.Latin1.GetString(RecordedHttpRequest.Canonical(Encoding.Latin1.GetBytes(request), s_none).Span);
}
