using System.Diagnostics;
using System.Globalization;

namespace TrdpSim.Fuzz;

/// <summary>Runs one input through a target several times and prints where the time goes: the runtime's start, the
/// first run (which loads and JIT-compiles everything the input reaches — what a fresh AFL child pays on its first
/// input) and the later runs (what AFL pays per execution in the persistent loop).</summary>
internal static class SeedTimer
{
    public static void Report(Action<byte[]> target, byte[] input, int runs, TextWriter output)
    {
        double startup = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var clock = Stopwatch.StartNew();
        target(input);
        double first = clock.Elapsed.TotalMilliseconds;
        var later = new List<double>(runs - 1);
        for (int i = 1; i < runs; i++)
        {
            clock.Restart();
            target(input);
            later.Add(clock.Elapsed.TotalMilliseconds);
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"process start to first run {startup:F0} ms, first run {first:F1} ms");
        if (later.Count > 0)
        {
            later.Sort();
            line += string.Create(CultureInfo.InvariantCulture,
                $", then {later.Count} runs: median {later[later.Count / 2]:F2} ms, slowest {later[^1]:F2} ms");
        }

        output.WriteLine(line);
    }
}
