using MocketNet.Demo;

// Mocket for .NET demo: every call below is served by Mocket, with no network.
Console.WriteLine("Mocket for .NET: real clients, mocked bytes.");
Console.WriteLine();
await CoreDemo.RunAsync();
Console.WriteLine();
await HttpDemo.RunAsync();
Console.WriteLine();
await RecordingDemo.RunAsync();
Console.WriteLine();
await RedisDemo.RunAsync();
Console.WriteLine();
Console.WriteLine("Done: no request left this machine (the only real server was the demo's own, on 127.0.0.1).");
