using System.Text;
using StackExchange.Redis;

namespace MocketNet.Redis.Tests;

/// <summary>The reference's RedisTestCase, driven by a real StackExchange.Redis client, with the exact request bytes.</summary>
public class ReferenceRedisCaseTests
{
    private static string Bytes(ReadOnlyMemory<byte> data) => Encoding.UTF8.GetString(data.Span);

    [Fact]
    public async Task Set_is_answered_OK_and_logs_exactly_the_SET()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("SET mocket \"is awesome!\"", MockRedis.Ok);
        using var redis = await MockRedis.ConnectAsync();

        Assert.True(await redis.GetDatabase().StringSetAsync("mocket", "is awesome!"));

        var request = Assert.Single(Mocket.Requests);
        Assert.Equal("*3\r\n$3\r\nSET\r\n$6\r\nmocket\r\n$11\r\nis awesome!\r\n", Bytes(request.Data));
    }

    [Fact]
    public async Task Incr_takes_the_responses_in_order()
    {
        using var scope = Mocket.Enable();
        MockRedis.RegisterResponses("INCR counter", [1, 2, 3]);
        using var redis = await MockRedis.ConnectAsync();
        var db = redis.GetDatabase();

        Assert.Equal(1, await db.StringIncrementAsync("counter"));
        Assert.Equal(2, await db.StringIncrementAsync("counter"));
        Assert.Equal(3, await db.StringIncrementAsync("counter"));
        Assert.Equal(3, await db.StringIncrementAsync("counter"));

        Assert.Equal(4, Mocket.Requests.Count);
        Assert.All(Mocket.Requests, r => Assert.Equal("*2\r\n$4\r\nINCR\r\n$7\r\ncounter\r\n", Bytes(r.Data)));
    }

    [Fact]
    public async Task Incrby_matches_the_reference_bytes()
    {
        using var scope = Mocket.Enable();
        MockRedis.RegisterResponses("INCRBY counter 2", [2, 4, 6]);
        using var redis = await MockRedis.ConnectAsync();
        var db = redis.GetDatabase();

        Assert.Equal(2, await db.StringIncrementAsync("counter", 2));
        Assert.Equal(4, await db.StringIncrementAsync("counter", 2));
        Assert.Equal(6, await db.StringIncrementAsync("counter", 2));

        Assert.All(Mocket.Requests, r => Assert.Equal("*3\r\n$6\r\nINCRBY\r\n$7\r\ncounter\r\n$1\r\n2\r\n", Bytes(r.Data)));
        Assert.Equal(3, Mocket.Requests.Count);
    }

    [Fact]
    public async Task Hgetall_reads_a_dictionary_reply_as_hash_entries()
    {
        using var scope = Mocket.Enable();
        MockRedis.RegisterResponse("HGETALL hash", new Dictionary<string, string> { ["f1"] = "one", ["f2"] = "two" });
        using var redis = await MockRedis.ConnectAsync();

        var entries = await redis.GetDatabase().HashGetAllAsync("hash");

        Assert.Equal(new[] { ("f1", "one"), ("f2", "two") }, entries.Select(e => ((string)e.Name!, (string)e.Value!)));
        Assert.Equal("*2\r\n$7\r\nHGETALL\r\n$4\r\nhash\r\n", Bytes(Assert.Single(Mocket.Requests).Data));
    }

    [Fact]
    public async Task Get_returns_the_registered_text()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET mocket", "is awesome!");
        using var redis = await MockRedis.ConnectAsync();

        Assert.Equal("is awesome!", await redis.GetDatabase().StringGetAsync("mocket"));
        Assert.Equal("*2\r\n$3\r\nGET\r\n$6\r\nmocket\r\n", Bytes(Assert.Single(Mocket.Requests).Data));
    }

    [Fact]
    public async Task Get_utf8_returns_the_snowman_bytes()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET snowman", "☃");
        using var redis = await MockRedis.ConnectAsync();

        byte[]? value = await redis.GetDatabase().StringGetAsync("snowman");

        Assert.Equal(new byte[] { 0xe2, 0x98, 0x83 }, value);
        Assert.Equal("*2\r\n$3\r\nGET\r\n$7\r\nsnowman\r\n", Bytes(Assert.Single(Mocket.Requests).Data));
    }

    [Fact]
    public async Task Get_unicode_escape_is_the_same_snowman()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET snowman", "\u2603");
        using var redis = await MockRedis.ConnectAsync();

        Assert.Equal("☃", await redis.GetDatabase().StringGetAsync("snowman"));
    }

    [Fact]
    public async Task Lrange_reads_a_list_reply()
    {
        using var scope = Mocket.Enable();
        string[] list = ["one", "two", "three"];
        MockRedis.Register("LRANGE list 0 -1", list);
        using var redis = await MockRedis.ConnectAsync();

        var values = await redis.GetDatabase().ListRangeAsync("list", 0, -1);

        Assert.Equal(list, values.Select(v => (string)v!));
        Assert.Equal("*4\r\n$6\r\nLRANGE\r\n$4\r\nlist\r\n$1\r\n0\r\n$2\r\n-1\r\n", Bytes(Assert.Single(Mocket.Requests).Data));
    }

    [Fact]
    public async Task An_error_reply_raises_RedisServerException()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("INCRBY counter 5", MockRedis.Error("ERR value is not an integer or out of range"));
        using var redis = await MockRedis.ConnectAsync();

        var error = await Assert.ThrowsAsync<RedisServerException>(() => redis.GetDatabase().StringIncrementAsync("counter", 5));

        Assert.Equal("ERR value is not an integer or out of range", error.Message);
        Assert.Equal("*3\r\n$6\r\nINCRBY\r\n$7\r\ncounter\r\n$1\r\n5\r\n", Bytes(Assert.Single(Mocket.Requests).Data));
    }

    [Fact]
    public async Task An_exception_response_drops_the_connection()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET boom", new InvalidOperationException("boom"));
        using var redis = await MockRedis.ConnectAsync("localhost:6379,abortConnect=false,connectTimeout=2000,syncTimeout=2000");

        await Assert.ThrowsAnyAsync<RedisException>(() => redis.GetDatabase().StringGetAsync("boom"));
        Assert.Equal("*2\r\n$3\r\nGET\r\n$4\r\nboom\r\n", Bytes(Assert.Single(Mocket.Requests).Data));
    }

    [Fact]
    public async Task A_nil_reply_is_a_null_value()
    {
        using var scope = Mocket.Enable();
        MockRedis.Register("GET missing", null);
        using var redis = await MockRedis.ConnectAsync();

        Assert.True((await redis.GetDatabase().StringGetAsync("missing")).IsNull);
    }
}
