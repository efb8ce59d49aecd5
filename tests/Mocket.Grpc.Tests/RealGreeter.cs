using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MocketNet.Grpc.Tests.Greet;

namespace MocketNet.Grpc.Tests;

/// <summary>A real Grpc.AspNetCore server on 127.0.0.1 (h2c), behaving as the tests' Mocket entries do, to compare what the client sees.</summary>
public sealed class RealGreeter : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RealGreeter(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<RealGreeter> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<GreeterService>();
        await app.StartAsync();
        var address = app.Urls.Select(u => new Uri(u)).First();
        return new RealGreeter(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Answers as the tests' entries do: "Hello {name}", NotFound with a trailer for "nobody", a 5 s handler for "slow".</summary>
    public sealed class GreeterService : Greeter.GreeterBase
    {
        public override async Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context)
        {
            if (request.Name == "slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.CancellationToken);
            }

            return request.Name == "nobody"
                ? throw new RpcException(new Status(StatusCode.NotFound, "no user called nobody"), new Metadata { { "x-reason", "unknown-user" } })
                : new HelloReply { Message = "Hello " + request.Name };
        }
    }
}
