using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests;

/// <summary>What users of every peer ask for: whole-request matchers, callbacks, delays, chunked responses.</summary>
public class BeyondReferenceTests
{
    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_whole_request_matcher_can_look_at_headers_and_json_bodies(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("POST", "https://api.test/orders", r => JsonDocument.Parse(r.Body).RootElement.GetProperty("qty").GetInt32() > 10, [new HttpMockResponse("bulk")]);
        MockHttp.Register("POST", "https://api.test/orders", r => r.Headers.TryGetValue("X-Tenant", out var t) && t == "acme", [new HttpMockResponse("acme")]);
        using var client = Clients.Create(kind);

        using var bulk = await client.PostAsJsonAsync(new Uri("https://api.test/orders"), new { qty = 50 });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://api.test/orders")) { Content = JsonContent.Create(new { qty = 1 }) };
        request.Headers.Add("X-Tenant", "acme");
        using var acme = await client.SendAsync(request);

        Assert.Equal("bulk", await bulk.Content.ReadAsStringAsync());
        Assert.Equal("acme", await acme.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_response_callback_computes_each_answer_from_its_request(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://echo.test/echo", r => new HttpMockResponse($"you asked for {string.Join(",", r.Query["n"])}", status: 201), matchQueryString: false);
        using var client = Clients.Create(kind);

        using var first = await client.GetAsync(new Uri("https://echo.test/echo?n=1"));
        using var second = await client.GetAsync(new Uri("https://echo.test/echo?n=2&n=3"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("you asked for 1", await first.Content.ReadAsStringAsync());
        Assert.Equal("you asked for 2,3", await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_delayed_response_arrives_after_its_delay_and_trips_a_shorter_client_timeout(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://slow.test/", new HttpMockResponse("slow").WithDelay(TimeSpan.FromMilliseconds(300)));
        MockHttp.Register("GET", "https://slower.test/", new HttpMockResponse("never").WithDelay(TimeSpan.FromSeconds(30)));
        using var client = Clients.Create(kind);
        client.Timeout = TimeSpan.FromSeconds(2);

        var watch = Stopwatch.StartNew();
        Assert.Equal("slow", await client.GetStringAsync(new Uri("https://slow.test/")));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"answered after {watch.Elapsed}");

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetStringAsync(new Uri("https://slower.test/")));
    }

    [Theory]
    [InlineData(ClientKind.Explicit)]
    [InlineData(ClientKind.Global)]
    public async Task A_chunked_response_body_arrives_whole(ClientKind kind)
    {
        using var scope = Mocket.Enable();
        var body = string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n"));
        MockHttp.Register("GET", "https://stream.test/log", new HttpMockResponse(body).WithChunkedBody(chunkSize: 100));
        using var client = Clients.Create(kind);

        using var response = await client.GetAsync(new Uri("https://stream.test/log"));

        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Stream_bodies_get_their_content_type_sniffed()
    {
        static string Sniff(byte[] bytes) => new HttpMockResponse(new MemoryStream(bytes)).ContentType;

        Assert.Equal("image/jpeg", Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal("image/gif", Sniff("GIF89a\x01\x00"u8.ToArray()));
        Assert.Equal("application/pdf", Sniff("%PDF-1.7\n"u8.ToArray()));
        Assert.Equal("application/json", Sniff(" {\"a\": [1, 2]}\n"u8.ToArray()));
        Assert.Equal("text/html; charset=utf-8", Sniff("<!DOCTYPE html><html></html>"u8.ToArray()));
        Assert.Equal("text/plain; charset=utf-8", Sniff("{ not json"u8.ToArray()));
        Assert.Equal("application/octet-stream", Sniff([0x00, 0x01, 0x02]));
    }

    [Fact]
    public void User_headers_get_title_case_names_and_replace_defaults()
    {
        var response = new HttpMockResponse("x", headers: new Dictionary<string, string> { ["x-api-KEY"] = "k", ["content-type"] = "text/csv" });

        Assert.Equal(["X-Api-Key", "Content-Type"], response.Headers.Select(h => h.Key));
        var head = System.Text.Encoding.ASCII.GetString(response.Head);
        Assert.Contains("Content-Type: text/csv\r\n", head, StringComparison.Ordinal);
        Assert.DoesNotContain("text/plain", head, StringComparison.Ordinal);
        Assert.Contains("Status: 200\r\n", head, StringComparison.Ordinal);
    }
}
