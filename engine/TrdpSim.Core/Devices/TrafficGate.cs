namespace TrdpSim.Devices;

/// <summary>The run-wide pause switch: while it is closed, cyclic telegrams and MD callers send nothing and
/// subscriptions count no timeouts.</summary>
/// <remarks>
/// <para>Written by the wheel thread only (a runtime command), read by the wheel thread (telegrams, callers)
/// and by the receive threads (subscription supervision). The state is one counter, <see cref="Epoch"/>,
/// odd while paused: a receive loop that remembers the epoch it last saw knows, after any number of pauses
/// and resumes, whether it must restart its timeout windows.</para>
/// <para>Only what the run sends on its own initiative stops: answers to requests (pull replies, MD replies,
/// statistics) still go out, frames a delay fault already holds leave on time, and MD requests already on
/// their way still time out.</para>
/// </remarks>
internal sealed class TrafficGate
{
    private int _epoch;
    private long _resumedAt;

    /// <summary>Whether traffic is paused now (any thread).</summary>
    public bool IsPaused => (Volatile.Read(ref _epoch) & 1) != 0;

    /// <summary>Counts pauses and resumes; odd while paused (any thread).</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    /// <summary>When traffic was last resumed (monotonic nanoseconds; any thread).</summary>
    public long ResumedAtNanoseconds => Volatile.Read(ref _resumedAt);

    /// <summary>Stops the run's own traffic (wheel thread).</summary>
    /// <returns>False when it was paused already.</returns>
    public bool Pause()
    {
        if (IsPaused)
        {
            return false;
        }

        Volatile.Write(ref _epoch, _epoch + 1);
        return true;
    }

    /// <summary>Lets traffic go again from <paramref name="nowNanoseconds"/> (wheel thread).</summary>
    /// <returns>False when it was not paused.</returns>
    public bool Resume(long nowNanoseconds)
    {
        if (!IsPaused)
        {
            return false;
        }

        // The time first: a receive loop that sees the new epoch must find the resume time with it.
        Volatile.Write(ref _resumedAt, nowNanoseconds);
        Volatile.Write(ref _epoch, _epoch + 1);
        return true;
    }
}
