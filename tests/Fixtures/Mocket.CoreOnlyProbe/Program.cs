using MocketNet;

// A strict scope and a plain HttpClient to a name that never resolves: with the HTTP pack's seam in place the call
// is refused by Mocket (a StrictMocketException in its chain); without it, it would be a DNS failure. Prints
// "name=value" facts for the test that started this process.
using var scope = Mocket.Enable(new MocketOptions { Strict = true });
Console.WriteLine($"http-loaded-before-call={AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Mocket.Http")}");
using var client = new HttpClient();
try
{
    await client.GetAsync(new Uri("http://api.test/"));
    Console.WriteLine("outcome=served");
}
catch (Exception ex)
{
    var chain = new List<string>();
    for (var e = ex; e is not null; e = e.InnerException)
    {
        chain.Add(e.GetType().Name);
    }

    Console.WriteLine($"outcome={string.Join("/", chain)}");
}

Console.WriteLine($"violations={string.Join(",", scope.Close(throwOnViolations: false).Select(v => v.Kind))}");
return 0;
