namespace TrdpSim.Telemetry;

/// <summary>Memory and GC figures of this process at one moment (soak runs: is memory flat?).</summary>
/// <param name="AllocatedBytes">Managed bytes allocated since process start.</param>
/// <param name="Gen0">Generation-0 collections since start.</param>
/// <param name="Gen1">Generation-1 collections since start.</param>
/// <param name="Gen2">Generation-2 collections since start.</param>
/// <param name="ResidentBytes">Current resident set size.</param>
/// <param name="PeakResidentBytes">Peak resident set size (Linux VmHWM; current RSS elsewhere).</param>
/// <param name="Timestamp">When the sample was taken (UTC).</param>
internal readonly record struct ProcessSample(long AllocatedBytes, int Gen0, int Gen1, int Gen2, long ResidentBytes, long PeakResidentBytes, DateTime Timestamp)
{
    /// <summary>CPU time of the process, its threads and the machine at the same moment (null when not taken).</summary>
    public CpuSample? Cpu { get; init; }

    /// <summary>Takes a sample now: reads /proc through held handles, so it allocates only its <see cref="CpuSample"/>;
    /// not for hot paths.</summary>
    public static ProcessSample Take()
    {
        var rss = ResidentMemory.Bytes();
        return new ProcessSample(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            rss, PeakResident(rss), DateTime.UtcNow)
        {
            Cpu = CpuSample.Take(),
        };
    }

    private static long PeakResident(long fallback) => ProcessStatus.TryRead(out long peak, out _) ? peak : fallback;
}
