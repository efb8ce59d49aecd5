namespace MocketNet.Tests.Connections;

/// <summary>Disposing a client while it reads ends the read as NetworkStream's would, and nothing reaches the unobserved-task handler.</summary>
public class DisposeRaceTests
{
    [Fact]
    public async Task Disposing_a_client_while_a_read_is_pending_ends_it_with_ObjectDisposedException_or_IOException_only()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("race.test", 1, "x"));
        var unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            // A probe once saw a read that started as Dispose completed the input throw InvalidOperationException, about
            // once in 10,000 tries; InMemoryClientStream.StartRead now counts the read in before it checks for disposal.
            // This does not reproduce that window on demand; it holds every outcome of 20,000 races to NetworkStream's.
            for (var i = 0; i < 20_000; i++)
            {
                var stream = Mocket.Connect("race.test", 1);
                using var start = new Barrier(2);
                var read = Task.Run(async () =>
                {
                    start.SignalAndWait();
                    return await stream.ReadAsync(new byte[16]);
                });
                start.SignalAndWait();
                stream.Dispose();

                // As NetworkStream: the end of the stream (its server side ended first), or ObjectDisposedException / IOException.
                var bytes = -1;
                var error = await Record.ExceptionAsync(async () => bytes = await read.WaitAsync(TimeSpan.FromSeconds(10)));
                Assert.True(error is ObjectDisposedException or IOException || (error is null && bytes == 0), $"try {i}: {error}");
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            Assert.Equal(0, Volatile.Read(ref unobserved));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }
}
