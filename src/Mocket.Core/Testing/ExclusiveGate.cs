namespace MocketNet.Testing;

/// <summary>
/// Lets mocketized tests run together while an exclusive one runs alone. Shared tests wait only while
/// an exclusive test is running (not while one is waiting), so a waiting exclusive test can never
/// block the tests it waits for.
/// </summary>
internal static class ExclusiveGate
{
    private static readonly Lock s_lock = new();
    private static int s_shared;
    private static bool s_exclusive;
    private static TaskCompletionSource s_changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task EnterAsync(bool exclusive)
    {
        while (true)
        {
            Task changed;
            lock (s_lock)
            {
                if (!s_exclusive && (!exclusive || s_shared == 0))
                {
                    if (exclusive)
                    {
                        s_exclusive = true;
                    }
                    else
                    {
                        s_shared++;
                    }

                    return;
                }

                changed = s_changed.Task;
            }

            await changed.ConfigureAwait(false);
        }
    }

    public static void Exit(bool exclusive)
    {
        TaskCompletionSource changed;
        lock (s_lock)
        {
            if (exclusive)
            {
                s_exclusive = false;
            }
            else
            {
                s_shared--;
            }

            changed = s_changed;
            s_changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
