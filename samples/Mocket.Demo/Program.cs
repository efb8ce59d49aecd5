using MocketNet.Demo;

// Mocket for .NET demo: every call below is served by Mocket, with no network.
Console.WriteLine("Mocket for .NET: real clients, mocked bytes.");
Console.WriteLine();
await CoreDemo.RunAsync();
Console.WriteLine();
Console.WriteLine("Done: every answer above came from Mocket entries; nothing left this process.");
