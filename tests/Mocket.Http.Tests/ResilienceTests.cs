using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using MocketNet.Http.Tests.Support;
using Polly.CircuitBreaker;

namespace MocketNet.Http.Tests;

/// <summary>
/// The standard resilience handler (Microsoft.Extensions.Http.Resilience) on an IHttpClientFactory client, served
/// through the global seam: it retries a reset, times out a stalled attempt and retries it, and breaks its circuit
/// on repeated faults, as against a real server on 127.0.0.1 failing the same way.
/// </summary>
public class ResilienceTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfine";

    [Fact]
    public async Task Resets_are_retried_until_an_answer_as_with_a_real_server()
    {
        var connections = 0;
        await using var server = RawHttpServer.Start(async (socket, cancellation) =>
        {
            if (Interlocked.Increment(ref connections) <= 2)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            }

            await socket.SendAsync(Encoding.ASCII.GetBytes(Ok), cancellation);
        });
        string real;
        using (Mocket.Enable(new MocketOptions { Strict = true, AllowedHosts = { "127.0.0.1" } }))
        {
            real = await Resilient().GetStringAsync(server.Address);
        }

        using var scope = Mocket.Enable();
        var reset = new HttpMockResponse("fine").WithFault(MocketFault.Reset());
        MockHttp.Register("GET", "https://api.test/data", reset, reset, new HttpMockResponse("fine"));
        var mocked = await Resilient().GetStringAsync(new Uri("https://api.test/data"));

        Assert.Equal(("fine", 3), (real, connections));
        Assert.Equal("fine", mocked);
        Assert.Equal(3, scope.Requests.Count);
    }

    [Fact]
    public async Task A_stalled_attempt_times_out_and_the_retry_is_answered()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/data", new HttpMockResponse("late").WithFault(MocketFault.Stall()), new HttpMockResponse("fine"));

        Assert.Equal("fine", await Resilient(attemptSeconds: 2).GetStringAsync(new Uri("https://api.test/data")));
        Assert.Equal(2, scope.Requests.Count);
    }

    [Fact]
    public async Task Repeated_faults_break_the_circuit_and_the_next_call_is_rejected_without_a_request()
    {
        using var scope = Mocket.Enable();
        MockHttp.Register("GET", "https://api.test/data", new HttpMockResponse("never").WithFault(MocketFault.CloseAfter(0)));
        var client = Resilient(breakAfter: 2);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetStringAsync(new Uri("https://api.test/data")));
        var sent = scope.Requests.Count;
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetStringAsync(new Uri("https://api.test/data")));

        Assert.True(sent >= 2, $"{sent} attempts before the circuit opened");
        Assert.Equal(sent, scope.Requests.Count);
    }

    /// <summary>
    /// A factory client with the standard handler: retries 10 ms apart, each attempt timed out after
    /// <paramref name="attemptSeconds"/>; its circuit opens once <paramref name="breakAfter"/> attempts have been made
    /// and half of them failed.
    /// </summary>
    private static HttpClient Resilient(int breakAfter = 100, double attemptSeconds = 10)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("api").AddStandardResilienceHandler(options =>
        {
            options.Retry.MaxRetryAttempts = 3;
            options.Retry.Delay = TimeSpan.FromMilliseconds(10);
            options.Retry.BackoffType = Polly.DelayBackoffType.Constant;
            options.Retry.UseJitter = false;
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(attemptSeconds);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(2 * attemptSeconds);
            options.CircuitBreaker.MinimumThroughput = breakAfter;
            options.CircuitBreaker.FailureRatio = 0.5;
            options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5 * attemptSeconds);
        });

        // The provider lives as long as the test process; each call builds its own.
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("api");
    }
}
