using System.Net;
using BenchmarkDotNet.Attributes;
using Grpc.Core;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MocketNet.Grpc;
using MocketNet.Grpc.Tests.Greet;
using MocketNet.Http;

namespace MocketNet.Benchmarks;

/// <summary>
/// A unary gRPC call through Grpc.Net.Client on a warm channel: served by a MockGrpc entry (in memory, HTTP/2 over TLS
/// and h2c), and by a real Grpc.AspNetCore server on 127.0.0.1 (h2c), side by side.
/// </summary>
[MemoryDiagnoser]
public class GrpcBenchmarks
{
    private static readonly HelloRequest s_request = new() { Name = "Ada" };
    private static readonly Uri s_ping = new("http://greeter.test/ping");

    private MocketScope _scope = null!;
    private GrpcChannel _mocketTls = null!;
    private GrpcChannel _mocketH2c = null!;
    private GrpcChannel _kestrelChannel = null!;
    private GrpcChannel _floorChannel = null!;
    private Greeter.GreeterClient _floorClient = null!;
    private Greeter.GreeterClient _mocketTlsClient = null!;
    private Greeter.GreeterClient _mocketH2cClient = null!;
    private Greeter.GreeterClient _kestrelClient = null!;
    private WebApplication _kestrel = null!;
    private HttpClient _http2 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scope = Mocket.Enable();
        var method = MockGrpc.MethodOf((Greeter.GreeterClient c, HelloRequest r) => c.SayHelloAsync(r, null, null, default));
        MockGrpc.Unary("https://greeter.test", method, r => new HelloReply { Message = "Hello " + r.Name });
        MockGrpc.Unary("http://greeter.test", method, r => new HelloReply { Message = "Hello " + r.Name });
        _mocketTls = GrpcChannel.ForAddress("https://greeter.test", new GrpcChannelOptions { HttpHandler = MockHttp.CreateHandler() });
        _mocketH2c = GrpcChannel.ForAddress("http://greeter.test", new GrpcChannelOptions { HttpHandler = MockHttp.CreateHandler() });
        MockHttp.Register("GET", "http://greeter.test/ping", "pong");
        _http2 = MockHttp.CreateClient();
        _http2.DefaultRequestVersion = HttpVersion.Version20;
        _http2.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        _mocketTlsClient = new Greeter.GreeterClient(_mocketTls);
        _mocketH2cClient = new Greeter.GreeterClient(_mocketH2c);

        _floorChannel = GrpcChannel.ForAddress("http://floor.test", new GrpcChannelOptions
        {
            HttpHandler = Http2Floor.CreateGrpcHandler(new HelloReply { Message = "Hello " + s_request.Name }.ToByteArray()),
        });
        _floorClient = new Greeter.GreeterClient(_floorChannel);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        _kestrel = builder.Build();
        _kestrel.MapGrpcService<KestrelGreeter>();
        _kestrel.StartAsync().GetAwaiter().GetResult();
        _kestrelChannel = GrpcChannel.ForAddress(_kestrel.Urls.First());
        _kestrelClient = new Greeter.GreeterClient(_kestrelChannel);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http2.Dispose();
        _mocketTls.Dispose();
        _mocketH2c.Dispose();
        _kestrelChannel.Dispose();
        _floorChannel.Dispose();
        _scope.Close();
        _kestrel.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<string> MocketUnaryTls() => (await _mocketTlsClient.SayHelloAsync(s_request)).Message;

    [Benchmark]
    public async Task<string> MocketUnaryH2c() => (await _mocketH2cClient.SayHelloAsync(s_request)).Message;

    /// <summary>The HTTP/2 under a call alone: an h2c GET through HttpClient, no gRPC.</summary>
    [Benchmark]
    public Task<string> MocketHttp2Get() => _http2.GetStringAsync(s_ping);

    /// <summary>The floor: the same call answered by fixed frames in memory (<see cref="Http2Floor"/>).</summary>
    [Benchmark]
    public async Task<string> FloorUnaryH2c() => (await _floorClient.SayHelloAsync(s_request)).Message;

    [Benchmark(Baseline = true)]
    public async Task<string> KestrelUnary() => (await _kestrelClient.SayHelloAsync(s_request)).Message;

    /// <summary>The real server's side of the call.</summary>
    public sealed class KestrelGreeter : Greeter.GreeterBase
    {
        public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
            Task.FromResult(new HelloReply { Message = "Hello " + request.Name });
    }
}
