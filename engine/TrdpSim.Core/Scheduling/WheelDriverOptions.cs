namespace TrdpSim.Scheduling;

/// <summary>Settings of a <see cref="WheelDriver"/>. Every property states its default.</summary>
/// <remarks>Read once by the <see cref="WheelDriver"/> constructor; later changes have no effect.</remarks>
public sealed class WheelDriverOptions
{
    /// <summary>Capacity of the cross-thread command queue, rounded up to a power of two. Default 4096.
    /// <see cref="WheelDriver.Post"/> returns false when it is full.</summary>
    public int CommandQueueCapacity { get; init; } = 4096;

    /// <summary>Most commands executed per wake-up, so a burst of posts cannot starve the tick. Default 4096;
    /// the rest wait for the next wake-up.</summary>
    public int MaxCommandsPerTick { get; init; } = 4096;

    /// <summary>How many ticks the driver may sleep through when the wheel shows no timer in them
    /// (<see cref="TimingWheel.GetNextFireHintNanoseconds"/>). Default 1: wake on every tick.</summary>
    /// <remarks>Values above 1 save wake-ups on a sparse wheel: the driver sleeps until the first tick with a timer
    /// (scanning at most this many buckets) on an absolute clock. Work from other threads does not wait for it:
    /// <see cref="WheelDriver.Post"/>, <see cref="WheelDriver.Wake"/> and <see cref="WheelDriver.Stop"/> end the
    /// sleep at once.</remarks>
    public int MaxIdleTicks { get; init; } = 1;

    /// <summary>How long <see cref="WheelDriver.Stop"/> waits for the thread to exit. Default 2 s.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Name of the driver thread. Default <c>trdpsim-wheel</c>.</summary>
    public string ThreadName { get; init; } = "trdpsim-wheel";

    /// <summary>Priority requested for the driver thread. Default <see cref="ThreadPriority.AboveNormal"/>
    /// (Linux ignores it without privileges; the wait strategy matters far more).</summary>
    public ThreadPriority ThreadPriority { get; init; } = ThreadPriority.AboveNormal;

    /// <summary>Where the wheel's stalls are recorded (a wake-up later than its target by more than the
    /// monitor's threshold). Default none.</summary>
    public StallProbe? StallProbe { get; init; }

    /// <summary>Runs first on the driver thread (real-time priority, CPU affinity, registering the thread);
    /// an exception is counted and the thread goes on. Default none.</summary>
    public Action? OnThreadStart { get; init; }

    /// <summary>Receives each tick's wake-up lateness (actual wake − target, ns) on the wheel thread;
    /// must be cheap and must not allocate (the run's HdrHistogram recorder is). Default none.</summary>
    public Action<long>? WakeLatenessObserver { get; init; }
}
