using System.Globalization;
using TrdpSim.Plan;

namespace TrdpSim.Cli.Commands;

/// <summary>The <c>run</c> options that set <c>[engine]</c> keys from the command line (they win over the file):
/// the wait, its grid and spin window, real-time scheduling, memory locking, CPU affinity and the stall rules.</summary>
internal static class EngineOptions
{
    /// <summary>Flags (no value) among these options.</summary>
    public static readonly string[] Flags = ["--realtime-receive", "--lock-memory", "--stalls-in-verdicts"];

    /// <summary>Applies the options given; returns an error message for the first bad value, or null.</summary>
    public static string? Apply(CommandLine line, RunPlan plan)
    {
        var engine = plan.Engine;
        if (line.Value("--wait") is { } wait)
        {
            if (!TryWord(wait, [("efficient", WaitMode.Efficient), ("precision", WaitMode.Precision), ("hybrid", WaitMode.Hybrid), ("sleep", WaitMode.Sleep), ("spin", WaitMode.Spin)], out var mode))
            {
                return $"--wait '{wait}' is not one of efficient, precision, hybrid, sleep, spin";
            }

            plan.Network.Wait = mode;
        }

        if (line.Value("--send-grid") is { } grid)
        {
            if (!DurationParser.TryParse(grid, out var value) || value < TimeSpan.FromMicroseconds(1) || value > TimeSpan.FromMilliseconds(100))
            {
                return $"--send-grid '{grid}' is not a duration between 1us and 100ms";
            }

            engine.SendGrid = value;
        }

        if (line.Value("--spin-window") is { } window)
        {
            if (string.Equals(window, "auto", StringComparison.OrdinalIgnoreCase))
            {
                engine.SpinWindow = null;
            }
            else if (DurationParser.TryParse(window, out var value) && value <= TimeSpan.FromMilliseconds(1))
            {
                engine.SpinWindow = value;
            }
            else
            {
                return $"--spin-window '{window}' is not 'auto' or a duration from 0 to 1ms";
            }
        }

        if (line.Value("--realtime") is { } realtime)
        {
            if (!TryWord(realtime, [("off", RealtimePolicy.Off), ("fifo", RealtimePolicy.Fifo), ("rr", RealtimePolicy.RoundRobin)], out var policy))
            {
                return $"--realtime '{realtime}' is not one of off, fifo, rr";
            }

            engine.Realtime = policy;
        }

        if (line.Value("--realtime-priority") is { } priority)
        {
            if (!int.TryParse(priority, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 99)
            {
                return $"--realtime-priority '{priority}' is not a priority from 1 to 99";
            }

            engine.RealtimePriority = value;
        }

        engine.RealtimeReceive |= line.Has("--realtime-receive");
        engine.LockMemory |= line.Has("--lock-memory");
        engine.StallsInVerdicts |= line.Has("--stalls-in-verdicts");
        foreach (var (option, set) in (ReadOnlySpan<(string, Action<IReadOnlyList<int>>)>)
            [("--wheel-cpus", cpus => engine.WheelCpus = cpus), ("--receive-cpus", cpus => engine.ReceiveCpus = cpus)])
        {
            if (line.Value(option) is { } text)
            {
                if (!CpuListParser.TryParse(text, out var cpus, out var error))
                {
                    return $"{option}: {error}";
                }

                set(cpus);
            }
        }

        if (line.Value("--stall-threshold") is { } threshold)
        {
            if (!DurationParser.TryParse(threshold, out var value) || value < TimeSpan.FromMicroseconds(100) || value > TimeSpan.FromSeconds(10))
            {
                return $"--stall-threshold '{threshold}' is not a duration between 100us and 10s";
            }

            engine.StallThreshold = value;
        }

        return null;
    }

    private static bool TryWord<T>(string text, (string Word, T Value)[] words, out T value)
    {
        foreach (var (word, choice) in words)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                value = choice;
                return true;
            }
        }

        value = words[0].Value;
        return false;
    }
}
