namespace MocketNet.Redis.Tests;

/// <summary>Load, sized for a 2-core CI machine.</summary>
public class LoadTests
{
    [Fact]
    public async Task A_thousand_concurrent_commands_are_each_answered_correctly_and_logged_once()
    {
        const int Count = 1_000;
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        MockRedis.RegisterResponse("GET key:*", RedisMockResponse.From(r => "value of " + r.ArgumentsText[0]));
        using var redis = MockRedis.Connect();
        var db = redis.GetDatabase();

        var values = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => db.StringGetAsync("key:" + i))).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(Enumerable.Range(0, Count).Select(i => "value of key:" + i), values.Select(v => (string?)v));
        var keys = scope.Requests.OfType<RedisMockRequest>().Where(r => r.Command == "GET").Select(r => r.ArgumentsText[0]).ToList();
        Assert.Equal(Count, keys.Count);
        Assert.Equal(Count, keys.Distinct().Count());
        Assert.Empty(scope.Violations);
    }
}
