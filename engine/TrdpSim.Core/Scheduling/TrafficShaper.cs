namespace TrdpSim.Scheduling;

/// <summary>Spreads the first sends of cyclic telegrams over the shortest cycle (TCNopen traffic shaping).</summary>
/// <remarks>
/// Without shaping, 10,000 telegrams on a 100 ms cycle would all fall due in the same tick and leave as
/// a burst. Offsets are evenly spaced over the shortest cycle and rounded to whole wheel ticks, so
/// every telegram's intended send time is a tick boundary and lateness measures the engine, not the
/// rounding.
/// </remarks>
internal static class TrafficShaper
{
    /// <summary>Offset of telegram <paramref name="index"/> of <paramref name="total"/>.</summary>
    public static long Offset(int index, int total, long shortestCycleNanoseconds, long tickNanoseconds)
    {
        if (total <= 1 || shortestCycleNanoseconds <= 0)
        {
            return 0;
        }

        var raw = (long)((double)shortestCycleNanoseconds * index / total);
        return tickNanoseconds > 0 ? raw / tickNanoseconds * tickNanoseconds : raw;
    }
}
