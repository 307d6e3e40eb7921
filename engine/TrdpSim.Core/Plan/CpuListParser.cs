using System.Globalization;

namespace TrdpSim.Plan;

/// <summary>Reads a CPU list as Linux writes it (<c>taskset -c</c>, <c>/sys/devices/system/cpu/online</c>):
/// comma-separated CPU numbers and ranges, e.g. <c>1</c>, <c>0,2</c>, <c>2-3,6</c>.</summary>
public static class CpuListParser
{
    /// <summary>Highest CPU number accepted (the size of glibc's cpu_set_t).</summary>
    public const int MaxCpu = 1023;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, out IReadOnlyList<int> cpus, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new SortedSet<int>();
        cpus = [];
        error = string.Empty;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-', StringComparison.Ordinal);
            string first = dash < 0 ? part : part[..dash];
            string last = dash < 0 ? part : part[(dash + 1)..];
            if (!TryCpu(first, out int from) || !TryCpu(last, out int to) || to < from)
            {
                error = $"'{part}' is not a CPU number (0–{MaxCpu}) or range (e.g. 2-3)";
                return false;
            }

            for (int cpu = from; cpu <= to; cpu++)
            {
                list.Add(cpu);
            }
        }

        cpus = [.. list];
        return true;
    }

    private static bool TryCpu(string text, out int cpu) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cpu) && cpu <= MaxCpu;
}
