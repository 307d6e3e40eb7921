namespace TrdpSim.Tests.Infrastructure;

/// <summary>Measures what a piece of code allocates in steady state on this thread.</summary>
/// <remarks>The runtime itself allocates now and then while a method is young (tiered compilation, on-stack
/// replacement), which a single measured round on a loaded machine can catch. So: two warm-up rounds,
/// then up to three measured rounds, and the fewest bytes count — an allocation per call shows in every
/// round, a one-off by the runtime does not.</remarks>
internal static class SteadyAllocation
{
    public static long Fewest(Action round)
    {
        round();
        round();
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < 3 && fewest > 0; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            round();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
