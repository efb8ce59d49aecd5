using System.Net.Http.Json;
using MocketNet.Http;

namespace MocketNet.Demo;

/// <summary>HTTP and HTTPS: a plain <c>new HttpClient()</c> served by the global seam, an explicit mock client, and strict mode.</summary>
public static class HttpDemo
{
    public static async Task RunAsync()
    {
        Console.WriteLine("== HTTP and HTTPS (Mocket.Http)");
        await using (var scope = Mocket.Enable())
        {
            // A route template answers every user; the response is computed from the id in the URL.
            MockHttp.Register("GET", "https://api.github.test/users/{login}", HttpMockResponse.From(r => HttpMockResponse.Json(new User(r.RouteValues["login"], 1815))));
            MockHttp.Register("POST", "https://api.github.test/gists",
                new HttpMockResponse("""{"id": "g1"}""", status: 201),
                new HttpMockResponse("rate limited", status: 429));

            // Code that builds its own client is served too: no handler, no certificate setup.
            using var plain = new HttpClient();
            var user = await plain.GetFromJsonAsync<User>(new Uri("https://api.github.test/users/ada"));
            Console.WriteLine($"  new HttpClient()         : GET  https://api.github.test/users/ada -> {user}");

            using var client = MockHttp.CreateClient();   // in memory, real TLS with Mocket's per-process CA
            for (var i = 0; i < 2; i++)
            {
                using var response = await client.PostAsJsonAsync(new Uri("https://api.github.test/gists"), new { files = new { } });
                Console.WriteLine($"  MockHttp.CreateClient()  : POST https://api.github.test/gists     -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == "POST" && r.Scheme == "https" && r.BodyJsonEquals(new { files = new { } }));
            Mocket.AssertRequested<HttpMockRequest>(r => r.Path == "/gists", times: 2);
            Console.WriteLine($"  requests logged: {scope.Requests.Count}; asserted with Mocket.AssertLastRequest and Mocket.AssertRequested(times: 2)");
        }

        var strict = Mocket.Enable(new MocketOptions { Strict = true });
        try
        {
            using var plain = new HttpClient();
            await plain.GetAsync(new Uri("https://payments.test/charge"));
        }
        catch (HttpRequestException failed) when (failed.InnerException?.InnerException is StrictMocketException refused)
        {
            // What production code sees (HttpRequestException), with Mocket's reason at the bottom of the chain.
            Console.WriteLine($"  strict: HttpRequestException <- {refused.Message.Split(Environment.NewLine)[1]} -> refused, never sent");
        }
        finally
        {
            Console.WriteLine($"  strict scope closed with {strict.Close(throwOnViolations: false).Count} violation(s) recorded");
        }
    }

    private sealed record User(string Login, int Id);
}
