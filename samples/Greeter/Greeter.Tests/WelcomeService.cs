using Grpc.Core;

namespace Greeter.Tests;

/// <summary>The code under test: builds a welcome text from a Greeter service, falling back when the user is unknown.</summary>
public sealed class WelcomeService(Greeter.GreeterClient greeter)
{
    public async Task<string> WelcomeAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var reply = await greeter.SayHelloAsync(new HelloRequest { Name = name }, deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
            return reply.Message + "!";
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            return "Welcome, guest!";
        }
    }

    public async Task<IReadOnlyList<string>> AllGreetingsAsync(string name)
    {
        using var call = greeter.SayHellos(new HelloRequest { Name = name });
        var greetings = new List<string>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            greetings.Add(reply.Message);
        }

        return greetings;
    }
}
