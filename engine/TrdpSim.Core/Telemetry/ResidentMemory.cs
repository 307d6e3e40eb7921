using System.Buffers.Text;

namespace TrdpSim.Telemetry;

/// <summary>The process's resident set size, read without allocating on Linux.</summary>
/// <remarks>Read at every <c>/metrics</c> scrape and every live sample. <c>Process.GetCurrentProcess().WorkingSet64</c>
/// allocates ~24 KB and <see cref="Environment.WorkingSet"/> ~3 KB per call; over a soak run of scrapes every 15 s that
/// garbage is most of what the process allocates. <c>/proc/self/statm</c> holds the same figure in pages, read without
/// a handle object (<see cref="ProcFs"/>).</remarks>
internal static class ResidentMemory
{
    private static readonly long PageSize = Environment.SystemPageSize;

    public static long Bytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.WorkingSet;
        }

        Span<byte> buffer = stackalloc byte[128];
        int length = ProcFs.ReadFile("/proc/self/statm", buffer);

        // "size resident shared text lib data dt", in pages.
        if (length > 0)
        {
            var text = buffer[..length];
            var space = text.IndexOf((byte)' ');
            if (space > 0 && Utf8Parser.TryParse(text[(space + 1)..], out long pages, out _))
            {
                return pages * PageSize;
            }
        }

        return Environment.WorkingSet;
    }
}
