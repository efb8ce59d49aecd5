using MocketNet;
using MocketNet.Http;

// Drives a plain `new HttpClient()` against a strict scope and prints one "name=value" fact per line
// for the test that started this process to check. Unserved requests go to 127.0.0.1:1 (refused at once) or
// to api.test (a reserved name that never resolves), never to the internet.
var scope = Mocket.Enable(new MocketOptions { Strict = true });
MockHttp.SingleRegister("GET", "http://api.test/users/1", body: "mocked over http");
MockHttp.SingleRegister("GET", "https://127.0.0.1:1/users/1", body: "mocked over https");

Console.WriteLine($"seam-active={MockHttp.IsGlobalSeamActive}");
using var client = new HttpClient();
Console.WriteLine($"http={await Outcome(() => client.GetStringAsync("http://api.test/users/1"))}");
Console.WriteLine($"https={await Outcome(() => client.GetStringAsync("https://127.0.0.1:1/users/1"))}");
Console.WriteLine($"unregistered={await Outcome(async () => (int)(await client.GetAsync("http://api.test/other")).StatusCode + "")}");
Console.WriteLine($"requests={string.Join(",", Mocket.Requests.Cast<HttpMockRequest>().Select(r => r.Scheme + ":" + r.Path))}");
Console.WriteLine($"violations={scope.Violations.Count}");
scope.Close(throwOnViolations: false);
return 0;

static async Task<string> Outcome(Func<Task<string>> call)
{
    try
    {
        return "ok:" + await call();
    }
    catch (Exception ex)
    {
        // The exception and the innermost one: HttpClient's shape, and Mocket's reason at the bottom of it.
        var innermost = ex;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return "failed:" + ex.GetType().Name + (ReferenceEquals(innermost, ex) ? string.Empty : "/" + innermost.GetType().Name);
    }
}
