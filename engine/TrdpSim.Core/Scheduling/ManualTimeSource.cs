namespace TrdpSim.Scheduling;

/// <summary>A time source that only moves when told to: for deterministic tests.</summary>
/// <remarks>
/// Reads and writes are atomic (<see cref="Volatile"/> / <see cref="Interlocked"/>), so one thread may drive
/// time while another reads it. Time never goes backwards: <see cref="SetNanoseconds"/> with an earlier
/// value is ignored and returns false.
/// </remarks>
internal sealed class ManualTimeSource : ITimeSource
{
    private long _now;

    /// <summary>Creates a source that starts at <paramref name="startNanoseconds"/> (default 0).</summary>
    public ManualTimeSource(long startNanoseconds = 0) => _now = startNanoseconds;

    /// <inheritdoc/>
    public long NowNanoseconds() => Volatile.Read(ref _now);

    /// <summary>Moves time forward by <paramref name="deltaNanoseconds"/> (negative values are treated as 0) and returns the new time.</summary>
    public long Advance(long deltaNanoseconds) =>
        Interlocked.Add(ref _now, deltaNanoseconds > 0 ? deltaNanoseconds : 0);

    /// <summary>Sets the time to <paramref name="nanoseconds"/> if that is not earlier than now.</summary>
    /// <returns>False (and no change) if the value would move time backwards.</returns>
    public bool SetNanoseconds(long nanoseconds)
    {
        long current = Volatile.Read(ref _now);
        while (nanoseconds >= current)
        {
            long seen = Interlocked.CompareExchange(ref _now, nanoseconds, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }
}
