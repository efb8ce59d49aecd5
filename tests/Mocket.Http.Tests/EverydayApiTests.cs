using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace MocketNet.Http.Tests;

/// <summary>The first calls a .NET developer types: a body and status in one call, JSON both ways, route templates, request assertions.</summary>
public class EverydayApiTests
{
    private sealed record User(int Id, string Name);

    [Fact]
    public async Task Json_responses_are_application_json_with_web_defaults()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/users/1", HttpMockResponse.Json(new User(1, "Ada")));
        MockHttp.Register("POST", "https://api.test/users", HttpMockResponse.Json(new { error = "taken" }, status: 409));
        using var client = MockHttp.CreateClient();

        using var response = await client.GetAsync(new Uri("https://api.test/users/1"));
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("""{"id":1,"name":"Ada"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(new User(1, "Ada"), await response.Content.ReadFromJsonAsync<User>());

        using var conflict = await client.PostAsJsonAsync(new Uri("https://api.test/users"), new User(2, "Grace"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task A_request_body_reads_as_JSON_and_compares_by_meaning()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register(
            "POST", "https://api.test/users", when: r => r.BodyJsonEquals(new { name = "Ada", tags = new[] { "a", "b" }, score = 1.0 }),
            responses: [new HttpMockResponse("created", 201)]);
        using var client = MockHttp.CreateClient();

        // Other property order, other white space, 1 for 1.0: the same JSON.
        using var body = new StringContent("""{ "score": 1, "tags": ["a","b"],  "name": "Ada" }""", Encoding.UTF8, "application/json");
        using var created = await client.PostAsync(new Uri("https://api.test/users"), body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = Assert.IsType<HttpMockRequest>(scope.LastRequest);
        Assert.Equal("Ada", request.ReadFromJson<JsonObject>()!["name"]!.GetValue<string>());
        Assert.True(request.BodyJsonEquals(JsonNode.Parse("""{"name":"Ada","tags":["a","b"],"score":1}""")));
        Assert.False(request.BodyJsonEquals(new { name = "Ada", tags = new[] { "b", "a" }, score = 1 }));
        Assert.False(request.BodyJsonEquals(new { name = "Ada", tags = new[] { "a", "b" }, score = 1, extra = true }));
    }

    [Fact]
    public async Task A_JSON_body_that_differs_is_not_matched_and_the_report_names_the_condition()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockHttp.Register("POST", "https://api.test/users", when: r => r.BodyJsonEquals(new { name = "Ada" }), responses: [new HttpMockResponse("created", 201)]);
        using var client = MockHttp.CreateClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsJsonAsync(new Uri("https://api.test/users"), new { name = "Bob" }));

        Assert.Contains("r.BodyJsonEquals(new { name = \"Ada\" })", error.ToString(), StringComparison.Ordinal);
        scope.Close(throwOnViolations: false);
    }

    [Fact]
    public async Task Route_templates_match_a_segment_or_the_rest_and_the_answer_carries_the_values()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/users/{id:int}", HttpMockResponse.From(r => HttpMockResponse.Json(new User(int.Parse(r.RouteValues["id"], System.Globalization.CultureInfo.InvariantCulture), "user"))));
        MockHttp.Register("GET", "https://api.test/files/{*path}", HttpMockResponse.From(r => new HttpMockResponse("file " + r.RouteValues["path"])));
        MockHttp.Register("GET", "https://api.test/reports/{name}.{format}", "report");
        using var client = MockHttp.CreateClient();

        Assert.Equal(new User(42, "user"), await client.GetFromJsonAsync<User>(new Uri("https://api.test/users/42")));
        Assert.Equal("file a/b c.txt", await client.GetStringAsync(new Uri("https://api.test/files/a/b%20c.txt")));
        Assert.Equal("report", await client.GetStringAsync(new Uri("https://api.test/reports/q3.pdf")));

        var request = Assert.IsType<HttpMockRequest>(scope.LastRequest);
        Assert.Equal("q3", request.RouteValues["name"]);
        Assert.Equal("pdf", request.RouteValues["format"]);
        Assert.Equal("/users/{id:int}", Assert.IsType<HttpMockEntry>(scope.Entries[0]).Path);
    }

    [Theory]
    [InlineData("https://api.test/users/abc", "segment 'abc' does not match '{id:int}'")]
    [InlineData("https://api.test/users", "the path has 1 segment(s), the template needs 2")]
    [InlineData("https://api.test/users/1/posts", "the path has 3 segments, the template 2")]
    public async Task A_template_that_did_not_match_is_explained_in_the_report(string url, string explanation)
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockHttp.Register("GET", "https://api.test/users/{id:int}", "user");
        using var client = MockHttp.CreateClient();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri(url)));

        Assert.Contains("does not match the template '/users/{id:int}'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(explanation, error.ToString(), StringComparison.Ordinal);
        scope.Close(throwOnViolations: false);
    }

    [Theory]
    [InlineData("https://api.test/users/{id", "is never closed")]
    [InlineData("https://api.test/users/%7Bid", "is never closed")]
    [InlineData("https://api.test/users/{}", "has no parameter name")]
    [InlineData("https://api.test/{*rest}/more", "must be the last segment")]
    [InlineData("https://api.test/{id}/{id}", "appears twice")]
    [InlineData("https://api.test/users/{id:number}", "the constraint 'number' is not one Mocket knows")]
    public void A_template_written_wrongly_is_an_ArgumentException_that_shows_the_right_form(string url, string what)
    {
        using var scope = Mocket.Enable();

        var error = Assert.Throws<ArgumentException>(() => MockHttp.Register("GET", url, "x"));

        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains("{id:int}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_assertions_read_requests_of_their_type_whatever_came_last()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/users/{id}", "user");
        Mocket.Register(new MocketEntry("smtp.test", 25, "250 ok"));
        using var client = MockHttp.CreateClient();
        await client.GetStringAsync(new Uri("https://api.test/users/1"));
        await client.GetStringAsync(new Uri("https://api.test/users/2"));
        await using (var smtp = Mocket.Connect("smtp.test", 25))
        {
            await smtp.WriteAsync("HELO\r\n"u8.ToArray());
            await smtp.ReadExactlyAsync(new byte["250 ok".Length]);
        }

        Mocket.AssertLastRequest<HttpMockRequest>(r => r.Path == "/users/2");
        Mocket.AssertRequested<HttpMockRequest>(r => r.Path.StartsWith("/users/", StringComparison.Ordinal), times: 2);
        var error = Assert.Throws<MocketAssertionException>(() => Mocket.AssertRequested<HttpMockRequest>(r => r.Path == "/users/3"));
        Assert.Contains("0 of the 2 HttpMockRequest(s) made did", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 request(s) of other kinds not counted", error.Message, StringComparison.Ordinal);
    }
}
