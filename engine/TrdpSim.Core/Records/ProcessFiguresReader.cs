using System.Globalization;
using TrdpSim.Telemetry;

namespace TrdpSim.Records;

/// <summary>Reads the process's memory, GC, file-descriptor and thread figures for an interval row.</summary>
/// <remarks>Once per interval, off the hot path: it allocates a little (reads /proc), bounded per call.</remarks>
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

    /// <summary>Open file descriptors (entries of /proc/self/fd); 0 where there is no /proc.</summary>
    public static int OpenFiles()
    {
        try
        {
            int count = 0;
            foreach (string _ in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                count++;
            }

            return count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The process's threads (<c>Threads:</c> of /proc/self/status); 0 where there is no /proc.</summary>
    public static int Threads()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    return int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return 0;
    }
}
