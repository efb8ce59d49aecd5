namespace MocketNet.Tests.Support;

public static class Poll
{
    /// <summary>Waits for a condition that another task makes true, by polling with yields (bounded, never a fixed sleep).</summary>
    public static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true within 20 seconds.");
            }

            await Task.Delay(1);
        }
    }
}
