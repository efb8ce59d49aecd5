using System.Net;
using MocketNet.Protocols;
using MocketNet.Redis.Protocol;
using MocketNet.Redis.Seam;
using StackExchange.Redis;

// The guard's advice for unrouted Redis clients is in place whenever a scope opens.
[assembly: MocketPack(typeof(MocketNet.Redis.MockRedis))]

namespace MocketNet.Redis;

/// <summary>
/// Mocks Redis for the current Mocket scope: register commands and their replies, then connect
/// StackExchange.Redis in memory (<see cref="Connect"/>, <see cref="ConfigurationOptions"/>) or point any
/// client at a loopback endpoint (<see cref="Listen"/>).
/// </summary>
/// <example>
/// <code>
/// using var scope = Mocket.Enable();
/// MockRedis.Register("GET foo", "bar");
/// using var redis = MockRedis.Connect();
/// var value = redis.GetDatabase().StringGet("foo"); // "bar"
/// Mocket.AssertLastRequest&lt;RedisMockRequest&gt;(r =&gt; r.Command == "GET");
/// </code>
/// </example>
public static class MockRedis
{
    static MockRedis() => MocketServer.AddGuardAdvice(static endPoint => endPoint.Port is 6379 or 6380 or 26379
        ? $"This looks like a Redis client (port {endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}) the test did not route to Mocket: give StackExchange.Redis " +
          "MockRedis.ConfigurationOptions() (in its ConnectionMultiplexer.Connect call, or in the options DI builds it from, such as " +
          "RedisCacheOptions.ConfigurationOptions), or connect with MockRedis.Connect(); or allow the address."
        : null);

    /// <summary>The host entries default to, as in the reference.</summary>
    public const string DefaultHost = "localhost";

    /// <summary>The port entries default to, as in the reference.</summary>
    public const int DefaultPort = 6379;

    /// <summary>The status reply <c>+OK</c>.</summary>
    public static RedisMockResponse Ok { get; } = RedisMockResponse.Status("OK");

    /// <summary>The status reply <c>+QUEUED</c> (a command inside MULTI).</summary>
    public static RedisMockResponse Queued { get; } = RedisMockResponse.Status("QUEUED");

    /// <summary>An error reply, <c>-message</c>; the client raises it (StackExchange.Redis: RedisServerException).</summary>
    /// <param name="message">The error line, conventionally starting with a code: <c>ERR value is not an integer</c>.</param>
    public static RedisMockResponse Error(string message) => RedisMockResponse.Error(message);

    /// <summary>A status reply, <c>+text</c>.</summary>
    /// <param name="text">The status text, one line.</param>
    public static RedisMockResponse Status(string text) => RedisMockResponse.Status(text);

    /// <summary>Bytes sent verbatim as the reply (they must be whole RESP frames).</summary>
    /// <param name="resp">The reply's exact bytes.</param>
    public static RedisMockResponse Raw(byte[] resp)
    {
        ArgumentNullException.ThrowIfNull(resp);
        return RedisMockResponse.Raw([.. resp]);
    }

    /// <summary>
    /// Registers a command at localhost:6379 with its replies in order, the last repeating. A single list
    /// or null reply: use <see cref="RegisterResponse"/> (params would spread a list into several replies).
    /// </summary>
    /// <param name="command">The command, split like a shell: <c>SET snowman "is ☃!"</c> is three tokens.</param>
    /// <param name="responses">The replies (see <see cref="Resp.Encode(object?)"/>), Exceptions (drop the connection), or
    /// <c>Func&lt;RedisMockRequest, object?&gt;</c> callbacks.</param>
    public static void Register(string command, params object?[]? responses)
    {
        // A typed array (string[], byte[][]) passed alone is one list reply, not several replies.
        IReadOnlyList<object?> replies = responses is null ? [null] : responses.GetType() != typeof(object[]) ? [responses] : responses;
        RegisterResponses(command, replies);
    }

    /// <summary>
    /// Sets the limits the current scope's fake Redis server puts on commands (redis-server's defaults until set), for
    /// connections opened after this call: <c>RedisMockLimits.Default with { MaxBulkLength = 1024 * 1024 }</c>.
    /// </summary>
    /// <param name="limits">The limits.</param>
    /// <exception cref="InvalidOperationException">No Mocket scope is open.</exception>
    public static void SetLimits(RedisMockLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        MocketServer.For(Mocket.CurrentScope).GetState(static _ => new RedisLimitsState()).Limits = limits;
    }

    /// <summary>Registers a command with one reply.</summary>
    /// <param name="command">The command, split like a shell.</param>
    /// <param name="response">The reply.</param>
    /// <param name="host">The host the client connects to.</param>
    /// <param name="port">The port the client connects to.</param>
    public static void RegisterResponse(string command, object? response, string host = DefaultHost, int port = DefaultPort) =>
        RegisterResponses(command, [response], host, port);

    /// <summary>Registers a command with its replies in order, the last repeating.</summary>
    /// <param name="command">The command, split like a shell.</param>
    /// <param name="responses">The replies.</param>
    /// <param name="host">The host the client connects to.</param>
    /// <param name="port">The port the client connects to.</param>
    public static void RegisterResponses(string command, IEnumerable<object?> responses, string host = DefaultHost, int port = DefaultPort) =>
        Mocket.Register(RedisMockEntry.Create(host, port, command, responses));

    /// <summary>
    /// StackExchange.Redis options for <paramref name="configuration"/> whose transport is served in memory
    /// by the current scope (both the interactive and the subscription connection; no socket, no DNS). The
    /// mock speaks RESP2 unless the configuration asks for RESP3 (<c>protocol=resp3</c>).
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    public static ConfigurationOptions ConfigurationOptions(string configuration = "localhost:6379")
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(configuration);
        Mocket.TryGetCurrentScope(out var scope);
        options.Tunnel = MockRedisTunnel.Create(scope);

        // StackExchange.Redis 3 asks for RESP3 unless told otherwise; the mock answers in RESP2 unless asked explicitly.
        options.Protocol ??= RedisProtocol.Resp2;
        return options;
    }

    /// <summary>A multiplexer connected in memory to the current scope; see <see cref="ConfigurationOptions"/>.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <exception cref="InvalidOperationException">No Mocket scope is open.</exception>
    public static ConnectionMultiplexer Connect(string configuration = "localhost:6379") =>
        ConnectionMultiplexer.Connect(ScopedConfigurationOptions(configuration));

    /// <summary>Like <see cref="Connect"/>, asynchronously.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <exception cref="InvalidOperationException">No Mocket scope is open.</exception>
    public static Task<ConnectionMultiplexer> ConnectAsync(string configuration = "localhost:6379") =>
        ConnectionMultiplexer.ConnectAsync(ScopedConfigurationOptions(configuration));

    /// <summary>
    /// Serves the Redis entries of a location on a real 127.0.0.1 endpoint, for any client (redis-cli,
    /// other libraries, <c>tunnel=http:</c> configurations). It speaks RESP even before entries are registered.
    /// </summary>
    /// <param name="host">The location served.</param>
    /// <param name="port">The location's port.</param>
    /// <exception cref="InvalidOperationException">No Mocket scope is open.</exception>
    public static IPEndPoint Listen(string host = DefaultHost, int port = DefaultPort) =>
        MocketServer.For(RequireScope(nameof(Listen))).Listen(new MocketLocation(host, port), RedisMockProtocol.Instance);

    /// <summary>Fails at once, rather than after the client's connect timeouts, when there is no scope to serve it.</summary>
    private static ConfigurationOptions ScopedConfigurationOptions(string configuration)
    {
        RequireScope(nameof(Connect));
        return ConfigurationOptions(configuration);
    }

    private static MocketScope RequireScope(string method) =>
        Mocket.TryGetCurrentScope(out var scope)
            ? scope
            : throw new InvalidOperationException(
                $"Mocket is not enabled, so MockRedis.{method} has nothing to serve it: no MocketScope is open. " +
                "Call Mocket.Enable() (or put [Mocketize] on the test) first.");
}
