using System.Globalization;

namespace MocketNet.Redis.Protocol;

/// <summary>What the built-in answers say about the mock server: a standalone Redis 7.4 master.</summary>
internal static class ServerInfo
{
    public const string Version = "7.4.0";

    public const int Databases = 16;

    public static string Info(long clientId, int connectedClients) => string.Join("\r\n",
        "# Server",
        "redis_version:" + Version,
        "redis_mode:standalone",
        "os:Mocket",
        "arch_bits:64",
        "tcp_port:6379",
        "run_id:6d6f636b65746d6f636b65746d6f636b65746d6f",
        "uptime_in_seconds:1",
        string.Empty,
        "# Clients",
        "connected_clients:" + connectedClients.ToString(CultureInfo.InvariantCulture),
        string.Empty,
        "# Replication",
        "role:master",
        "connected_slaves:0",
        "master_replid:6d6f636b65746d6f636b65746d6f636b65746d6f",
        "master_repl_offset:0",
        string.Empty,
        "# Stats",
        "mocket_client_id:" + clientId.ToString(CultureInfo.InvariantCulture),
        string.Empty,
        "# Keyspace",
        string.Empty);

    /// <summary>CONFIG GET answers for the parameters clients ask about during their handshake.</summary>
    public static string? Config(string name) => name.ToLowerInvariant() switch
    {
        "databases" => Databases.ToString(CultureInfo.InvariantCulture),
        "slave-read-only" or "replica-read-only" => "yes",
        "timeout" => "0",
        "maxclients" => "10000",
        "cluster-enabled" => "no",
        _ => null,
    };
}
