using System.Buffers.Text;

namespace TrdpSim.Telemetry;

/// <summary>Figures of <c>/proc/self/status</c> — the peak resident set size and the number of threads — read without
/// allocating (<see cref="ProcFs"/>).</summary>
/// <remarks>Read by every process sample (the progress line, the run store's intervals), so line by line with strings
/// it was a steady source of garbage for the whole run.</remarks>
internal static class ProcessStatus
{
    /// <summary>The peak resident set size (<c>VmHWM</c>, bytes) and the threads (<c>Threads</c>); false when
    /// <c>/proc/self/status</c> cannot be read (not Linux).</summary>
    public static bool TryRead(out long peakResidentBytes, out int threads)
    {
        peakResidentBytes = 0;
        threads = 0;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // The file is about 1.5 KB; both lines are in its first half.
        Span<byte> buffer = stackalloc byte[4096];
        int length = ProcFs.ReadFile("/proc/self/status", buffer);

        if (length <= 0)
        {
            return false;
        }

        var text = buffer[..length];
        long peakKilobytes = Field(text, "VmHWM:"u8);
        long threadCount = Field(text, "Threads:"u8);
        if (peakKilobytes <= 0 || threadCount <= 0)
        {
            return false;
        }

        peakResidentBytes = peakKilobytes * 1024;
        threads = (int)threadCount;
        return true;
    }

    /// <summary>The number after <paramref name="name"/> at the start of a line of <paramref name="status"/> (the
    /// unit, if any, ignored); -1 when there is no such line.</summary>
    internal static long Field(ReadOnlySpan<byte> status, ReadOnlySpan<byte> name)
    {
        while (!status.IsEmpty)
        {
            int end = status.IndexOf((byte)'\n');
            var line = end < 0 ? status : status[..end];
            if (line.StartsWith(name))
            {
                var value = line[name.Length..].TrimStart(" \t"u8);
                return Utf8Parser.TryParse(value, out long number, out _) ? number : -1;
            }

            status = end < 0 ? default : status[(end + 1)..];
        }

        return -1;
    }
}
