using Grpc.Core;
using Grpc.Net.Client;
using MocketNet;
using MocketNet.Grpc;
using MocketNet.Http;
using MocketNet.Xunit;
using Xunit;

namespace Greeter.Tests;

public class WelcomeServiceTests
{
    private const string Address = "https://greeter.internal";

    private static readonly Method<HelloRequest, HelloReply> s_sayHello =
        MockGrpc.MethodOf((Greeter.GreeterClient c, HelloRequest r) => c.SayHelloAsync(r, null, null, default));

    private static readonly Method<HelloRequest, HelloReply> s_sayHellos =
        MockGrpc.MethodOf((Greeter.GreeterClient c, HelloRequest r) => c.SayHellos(r, null, null, default));

    [Fact]
    [Mocketize(Strict = true)]
    public async Task Welcomes_a_known_user_with_the_service_s_greeting()
    {
        MockGrpc.Unary(Address, s_sayHello, r => new HelloReply { Message = "Hello " + r.Name });

        var text = await NewService().WelcomeAsync("Ada");

        Assert.Equal("Hello Ada!", text);
        Assert.Equal("Ada", Assert.Single(MockGrpc.Requests(s_sayHello)).Name);
    }

    [Fact]
    [Mocketize(Strict = true)]
    public async Task Welcomes_an_unknown_user_as_a_guest()
    {
        MockGrpc.Fail(Address, s_sayHello, StatusCode.NotFound, "no such user");

        Assert.Equal("Welcome, guest!", await NewService().WelcomeAsync("nobody"));
    }

    [Fact]
    [Mocketize(Strict = true)]
    public async Task Reads_every_streamed_greeting()
    {
        MockGrpc.ServerStreaming(Address, s_sayHellos, r => new[] { "Hi", "Hello", "Hey" }.Select(g => new HelloReply { Message = $"{g} {r.Name}" }));

        Assert.Equal(["Hi Ada", "Hello Ada", "Hey Ada"], await NewService().AllGreetingsAsync("Ada"));
    }

    /// <summary>The service as production builds it, over a channel whose handler is Mocket's.</summary>
    private static WelcomeService NewService() =>
        new(new Greeter.GreeterClient(GrpcChannel.ForAddress(Address, new GrpcChannelOptions { HttpHandler = MockHttp.CreateHandler() })));
}
