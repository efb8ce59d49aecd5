using System.Diagnostics;

namespace MocketNet.Tests.Support;

/// <summary>
/// What a leak would leave: open sockets, active timers, and threads other than the thread pool's
/// workers (which the pool adds and retires by itself).
/// </summary>
public sealed record ResourceCounts(int Sockets, long Timers, int OwnThreads)
{
    public static ResourceCounts Take()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return new ResourceCounts(OpenSockets(), Timer.ActiveCount, process.Threads.Count - ThreadPool.ThreadCount);
    }

    /// <summary>Open socket descriptors of this process (Linux /proc); -1 elsewhere, where the check is skipped by equality.</summary>
    private static int OpenSockets()
    {
        const string fds = "/proc/self/fd";
        if (!Directory.Exists(fds))
        {
            return -1;
        }

        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries(fds))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
            }
        }

        return count;
    }
}
