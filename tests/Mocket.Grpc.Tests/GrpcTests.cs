using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using MocketNet.Grpc.Tests.Greet;
using MocketNet.Http;

namespace MocketNet.Grpc.Tests;

/// <summary>Grpc.Net.Client, unchanged, against MockGrpc entries: each method kind, statuses, metadata, deadlines, and each channel kind.</summary>
public class GrpcTests
{
    private const string Address = "https://greeter.test";

    private static readonly Method<HelloRequest, HelloReply> s_sayHello = MockGrpc.MethodOf((Greeter.GreeterClient c, HelloRequest r) => c.SayHelloAsync(r, null, null, default));
    private static readonly Method<HelloRequest, HelloReply> s_sayHellos = MockGrpc.MethodOf((Greeter.GreeterClient c, HelloRequest r) => c.SayHellos(r, null, null, default));
    private static readonly Method<HelloRequest, HelloReply> s_collect = MockGrpc.MethodOf((Greeter.GreeterClient c) => c.Collect(null, null, default));
    private static readonly Method<HelloRequest, HelloReply> s_chat = MockGrpc.MethodOf((Greeter.GreeterClient c) => c.Chat(null, null, default));

    [Theory]
    [InlineData("https://greeter.test")]
    [InlineData("http://greeter.test:5000")]
    public async Task A_unary_call_is_answered_by_its_entry(string address)
    {
        using var scope = Mocket.Enable();
        MockGrpc.Unary(address, s_sayHello, r => new HelloReply { Message = "Hello " + r.Name });
        using var channel = MockedChannel(address);

        var reply = await new Greeter.GreeterClient(channel).SayHelloAsync(new HelloRequest { Name = "Ada" });

        Assert.Equal("Hello Ada", reply.Message);
        Assert.Equal("Ada", Assert.Single(MockGrpc.Requests(s_sayHello)).Name);
        Assert.Equal("/greet.Greeter/SayHello", Assert.IsType<HttpMockRequest>(Assert.Single(scope.Requests)).Path);
    }

    [Fact]
    public async Task Streaming_calls_of_every_kind_are_answered()
    {
        using var scope = Mocket.Enable();
        MockGrpc.ServerStreaming(Address, s_sayHellos, r => Enumerable.Range(1, 3).Select(i => new HelloReply { Message = $"{r.Name} {i}" }));
        MockGrpc.ClientStreaming(Address, s_collect, rs => new HelloReply { Message = string.Join("+", rs.Select(r => r.Name)) });
        MockGrpc.Duplex(Address, s_chat, rs => rs.Select(r => new HelloReply { Message = "hi " + r.Name }));
        using var channel = MockedChannel(Address);
        var client = new Greeter.GreeterClient(channel);

        using var hellos = client.SayHellos(new HelloRequest { Name = "Ada" });
        var streamed = await ReadAllAsync(hellos.ResponseStream);

        using var collect = client.Collect();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await collect.RequestStream.WriteAsync(new HelloRequest { Name = name });
        }

        await collect.RequestStream.CompleteAsync();
        var collected = await collect;

        using var chat = client.Chat();
        await chat.RequestStream.WriteAsync(new HelloRequest { Name = "x" });
        await chat.RequestStream.WriteAsync(new HelloRequest { Name = "y" });
        await chat.RequestStream.CompleteAsync();
        var chatted = await ReadAllAsync(chat.ResponseStream);

        Assert.Equal(["Ada 1", "Ada 2", "Ada 3"], streamed);
        Assert.Equal("a+b+c", collected.Message);
        Assert.Equal(["hi x", "hi y"], chatted);
        Assert.Equal(["a", "b", "c"], MockGrpc.Requests(s_collect).Select(r => r.Name));
    }

    [Fact]
    public async Task A_failed_call_reaches_the_client_as_the_same_failure_of_a_real_server_does()
    {
        await using var real = await RealGreeter.StartAsync();
        RpcException fromReal;
        using (var scope = Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1" } }))
        {
            using var channel = GrpcChannel.ForAddress(real.Address);
            fromReal = await Assert.ThrowsAsync<RpcException>(() => new Greeter.GreeterClient(channel).SayHelloAsync(new HelloRequest { Name = "nobody" }).ResponseAsync);
        }

        using var mocked = Mocket.Enable();
        MockGrpc.Unary(Address, s_sayHello, r => throw new RpcException(new Status(StatusCode.NotFound, "no user called nobody"), new Metadata { { "x-reason", "unknown-user" } }));
        using var mockedChannel = MockedChannel(Address);
        var fromMocket = await Assert.ThrowsAsync<RpcException>(() => new Greeter.GreeterClient(mockedChannel).SayHelloAsync(new HelloRequest { Name = "nobody" }).ResponseAsync);

        Assert.Equal(fromReal.StatusCode, fromMocket.StatusCode);
        Assert.Equal(fromReal.Status.Detail, fromMocket.Status.Detail);
        Assert.Equal(fromReal.Trailers.GetValue("x-reason"), fromMocket.Trailers.GetValue("x-reason"));
        Assert.Equal(StatusCode.NotFound, fromMocket.StatusCode);
    }

    [Fact]
    public async Task A_deadline_shorter_than_the_answer_expires_as_on_a_real_server()
    {
        await using var real = await RealGreeter.StartAsync();
        RpcException fromReal;
        using (var scope = Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1" } }))
        {
            using var channel = GrpcChannel.ForAddress(real.Address);
            fromReal = await Assert.ThrowsAsync<RpcException>(() =>
                new Greeter.GreeterClient(channel).SayHelloAsync(new HelloRequest { Name = "slow" }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);
        }

        using var mocked = Mocket.Enable();
        MockGrpc.Unary(Address, s_sayHello, r => new HelloReply(), new GrpcMockOptions { Delay = TimeSpan.FromSeconds(5) });
        using var mockedChannel = MockedChannel(Address);
        var fromMocket = await Assert.ThrowsAsync<RpcException>(() =>
            new Greeter.GreeterClient(mockedChannel).SayHelloAsync(new HelloRequest { Name = "slow" }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, fromReal.StatusCode);
        Assert.Equal(fromReal.StatusCode, fromMocket.StatusCode);
        Assert.Equal(fromReal.Status.Detail, fromMocket.Status.Detail);
    }

    [Fact]
    public async Task A_slow_method_holds_back_no_other_call_on_the_channel()
    {
        using var scope = Mocket.Enable();
        MockGrpc.Unary(Address, s_sayHello, r => new HelloReply { Message = "slow" }, new GrpcMockOptions { Delay = TimeSpan.FromSeconds(2) });
        MockGrpc.ServerStreaming(Address, s_sayHellos, r => [new HelloReply { Message = "fast" }]);
        using var channel = MockedChannel(Address);
        var client = new Greeter.GreeterClient(channel);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var slow = client.SayHelloAsync(new HelloRequest { Name = "slow" });
        using var fast = client.SayHellos(new HelloRequest { Name = "fast" });
        Assert.True(await fast.ResponseStream.MoveNext(default));
        var fastTook = clock.Elapsed;
        var slowReply = await slow.ResponseAsync;

        Assert.Equal("fast", fast.ResponseStream.Current.Message);
        Assert.True(fastTook < TimeSpan.FromSeconds(1.5), $"the fast call waited for the slow one: {fastTook}");
        Assert.Equal("slow", slowReply.Message);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"the slow call ended after {clock.Elapsed}");
    }

    [Fact]
    public async Task Response_headers_and_trailers_reach_the_call()
    {
        using var scope = Mocket.Enable();
        MockGrpc.Unary(Address, s_sayHello, r => new HelloReply { Message = "ok" }, new GrpcMockOptions
        {
            ResponseHeaders = new Metadata { { "x-region", "eu" } },
            ResponseTrailers = new Metadata { { "x-cost", "3" }, { "x-blob-bin", new byte[] { 1, 2, 255 } } },
        });
        using var channel = MockedChannel(Address);

        using var call = new Greeter.GreeterClient(channel).SayHelloAsync(new HelloRequest { Name = "Ada" });
        var headers = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal("eu", headers.GetValue("x-region"));
        Assert.Equal("3", call.GetTrailers().GetValue("x-cost"));
        Assert.Equal(new byte[] { 1, 2, 255 }, call.GetTrailers().GetValueBytes("x-blob-bin"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task A_client_from_AddGrpcClient_is_served_when_the_test_gives_the_factory_Mocket_s_handler()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockGrpc.Unary(Address, s_sayHello, r => new HelloReply { Message = "factory " + r.Name });
        var services = new ServiceCollection();

        // The application's registration, unchanged ...
        services.AddGrpcClient<Greeter.GreeterClient>(o => o.Address = new Uri(Address));

        // ... and the test's one line (as in WebApplicationFactory's ConfigureTestServices).
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => MockHttp.CreateHandler()));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<Greeter.GreeterClient>();
        var reply = await client.SayHelloAsync(new HelloRequest { Name = "Ada" });

        Assert.Equal("factory Ada", reply.Message);
        Assert.Equal("HTTP/2", Assert.IsType<HttpMockRequest>(Assert.Single(scope.Requests)).Version);
    }

    [Fact]
    public async Task The_default_channel_and_the_factory_s_default_handler_are_named_by_the_strict_guard_with_the_fix()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockGrpc.Unary(Address, s_sayHello, r => new HelloReply());
        var services = new ServiceCollection();
        services.AddGrpcClient<Greeter.GreeterClient>(o => o.Address = new Uri(Address));
        using var provider = services.BuildServiceProvider();
        using var channel = GrpcChannel.ForAddress(Address);

        // Both load-balance: their sockets are connected off the test's flow, so the guard finds the scope as the only one open
        // (this assembly's tests run one at a time: they are one class).
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Greeter.GreeterClient(channel).SayHelloAsync(new HelloRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        var fromFactory = await Assert.ThrowsAsync<RpcException>(() =>
            provider.GetRequiredService<Greeter.GreeterClient>().SayHelloAsync(new HelloRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        var violation = Assert.Single(scope.Close(throwOnViolations: false));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(StatusCode.Unavailable, fromFactory.StatusCode);
        Assert.Contains("The code under test made a real DNS lookup for greeter.test", violation.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigurePrimaryHttpMessageHandler(() => MockHttp.CreateHandler())", violation.Message, StringComparison.Ordinal);
        Assert.Contains("HttpHandler = MockHttp.CreateHandler()", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_method_in_a_strict_scope_fails_the_call_with_the_refusal()
    {
        var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockGrpc.Unary(Address, s_sayHello, r => new HelloReply());
        using var channel = MockedChannel(Address);

        // Mocket answers whole calls: the refusal comes once the client completes its stream (a real server's UNIMPLEMENTED comes at once).
        using var call = new Greeter.GreeterClient(channel).Collect();
        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("POST /greet.Greeter/Collect HTTP/2", Assert.Single(scope.Close(throwOnViolations: false)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_a_method_as_the_wrong_kind_or_at_a_path_says_what_to_do()
    {
        using var scope = Mocket.Enable();

        var kind = Assert.Throws<ArgumentException>(() => MockGrpc.Unary(Address, s_sayHellos, r => new HelloReply()));
        var address = Assert.Throws<ArgumentException>(() => MockGrpc.Unary("https://greeter.test/api", s_sayHello, r => new HelloReply()));

        Assert.StartsWith("/greet.Greeter/SayHellos is a ServerStreaming method, not Unary: register it with MockGrpc.ServerStreaming.", kind.Message, StringComparison.Ordinal);
        Assert.Contains("scheme, host and port only", address.Message, StringComparison.Ordinal);
    }

    private static GrpcChannel MockedChannel(string address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = MockHttp.CreateHandler() });

    private static async Task<List<string>> ReadAllAsync(IAsyncStreamReader<HelloReply> stream)
    {
        var messages = new List<string>();
        while (await stream.MoveNext(CancellationToken.None))
        {
            messages.Add(stream.Current.Message);
        }

        return messages;
    }
}
