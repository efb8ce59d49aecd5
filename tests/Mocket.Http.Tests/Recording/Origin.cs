using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MocketNet.Http.Tests.Support;

namespace MocketNet.Http.Tests.Recording;

/// <summary>The real origin the recording tests record from: Kestrel on 127.0.0.1 with a few kinds of reply.</summary>
public static class Origin
{
    public const string Json = """{"id":1,"name":"widget"}""";

    public static readonly string GzipText = string.Concat(Enumerable.Repeat("compressed hello ", 40));

    public static Task<LoopbackServer> StartAsync(TestCertificates? certificates = null) => LoopbackServer.StartAsync(Routes, certificates?.Server);

    private static void Routes(WebApplication app)
    {
        var count = 0;
        app.MapGet("/json", (HttpContext context) =>
        {
            context.Response.Headers["X-Origin"] = "kestrel";
            return Results.Text(Json, "application/json");
        });
        app.MapGet("/chunked", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            foreach (var part in new[] { "part one, ", "part two, ", "part three" })
            {
                await context.Response.WriteAsync(part);
                await context.Response.Body.FlushAsync();
            }
        });
        app.MapGet("/gzip", async (HttpContext context) =>
        {
            using var compressed = new MemoryStream();
            await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(GzipText));
            }

            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = compressed.Length;
            await context.Response.Body.WriteAsync(compressed.ToArray());
        });
        app.MapPost("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            return Results.Text("posted:" + await reader.ReadToEndAsync(), context.Request.ContentType);
        });
        app.MapGet("/query", (HttpContext context) => Results.Text("query:" + context.Request.QueryString.Value));
        app.MapGet("/counter", () => Results.Text("count:" + Interlocked.Increment(ref count)));
        app.MapGet("/session", (HttpContext context) =>
        {
            context.Response.Headers.SetCookie = "session=s3cr3t-set-cookie; Path=/; HttpOnly";
            return Results.Text(context.Request.Headers.Authorization.Count > 0 ? "signed in" : "anonymous");
        });
    }
}
