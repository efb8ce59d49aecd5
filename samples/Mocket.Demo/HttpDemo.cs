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
            MockHttp.SingleRegister("GET", "https://api.github.test/users/ada", body: """{"login": "ada", "id": 1815}""",
                headers: new Dictionary<string, string> { ["content-type"] = "application/json" });
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

            Mocket.AssertLastRequest<HttpMockRequest>(r => r.Method == "POST" && r.Scheme == "https" && r.BodyText.Contains("files", StringComparison.Ordinal));
            Console.WriteLine($"  requests logged: {scope.Requests.Count}; the last POST asserted with Mocket.AssertLastRequest<HttpMockRequest>");
        }

        var strict = Mocket.Enable(new MocketOptions { Strict = true });
        try
        {
            using var plain = new HttpClient();
            await plain.GetAsync(new Uri("https://payments.test/charge"));
        }
        catch (HttpRequestException failed) when (Refusal(failed) is { } refused)
        {
            // As a production HttpClient failure looks: HttpRequestException over IOException, Mocket's reason below.
            Console.WriteLine($"  strict: {refused.Message.Split(Environment.NewLine)[1]} -> refused, never sent");
        }
        finally
        {
            Console.WriteLine($"  strict scope closed with {strict.Close(throwOnViolations: false).Count} violation(s) recorded");
        }
    }

    private static StrictMocketException? Refusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is StrictMocketException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private sealed record User(string Login, int Id);
}
