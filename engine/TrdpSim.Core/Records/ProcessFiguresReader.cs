using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>Reads the process's memory, GC, file-descriptor and thread figures for an interval row.</summary>
/// <remarks>Once per interval, off the hot path. /proc is read through held handles and listed without strings, so
/// what a call allocates is its figures and the runtime's <see cref="GCMemoryInfo"/> objects, whatever the run's length.</remarks>
internal static class ProcessFiguresReader
{
    public static ProcessFigures Read(RunTelemetry telemetry, LatencySnapshot wheel, long storeDrops)
    {
        ProcessSample sample = ProcessSample.Take();
        GcHeapFigures heap = GcHeapFigures.Take();
        return new ProcessFigures(
            sample.ResidentBytes,
            heap.LastHeapBytes,
            sample.AllocatedBytes,
            sample.Gen0,
            sample.Gen1,
            sample.Gen2,
            OpenFiles(),
            Threads(),
            Volatile.Read(ref telemetry.DatagramsReceived),
            Volatile.Read(ref telemetry.EngineErrors),
            wheel.P99,
            wheel.Max,
            storeDrops)
        {
            GcHeap = heap,
        };
    }

    /// <summary>Open file descriptors (entries of /proc/self/fd, listed without allocating); 0 where there is no /proc.</summary>
    public static int OpenFiles() => Math.Max(0, ProcFs.CountEntries("/proc/self/fd"));

    /// <summary>The process's threads (<c>Threads:</c> of /proc/self/status); 0 where there is no /proc.</summary>
    public static int Threads() => ProcessStatus.TryRead(out _, out int threads) ? threads : 0;
}
