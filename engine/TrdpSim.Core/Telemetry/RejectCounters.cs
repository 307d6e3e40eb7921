using TrdpSim.Protocol;

namespace TrdpSim.Telemetry;

/// <summary>Dropped-datagram counters by <see cref="RejectReason"/>, shared by all receive loops.</summary>
/// <remarks>Several receive threads write, so increments are interlocked; bad input is rare enough
/// that the cost does not matter, and a flood of it is exactly when the count must be right.</remarks>
public sealed class RejectCounters
{
    private readonly long[] _counts = new long[RejectReasons.Count];

    public void Increment(RejectReason reason) => Interlocked.Increment(ref _counts[(int)reason]);

    public long Get(RejectReason reason) => Volatile.Read(ref _counts[(int)reason]);

    /// <summary>Sum over all reasons.</summary>
    public long Total()
    {
        long total = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            total += Volatile.Read(ref _counts[i]);
        }

        return total;
    }
}
