using System.Globalization;
using Tomlyn.Syntax;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[engine]</c>: how trdpsim's own threads wait and run on the host (wait mode, wheel tick, send
/// grid, spin window, receive buffers, real-time scheduling, memory locking, CPU affinity) and how its stalls are told from the
/// device's faults. <c>wait</c> and <c>wheel-tick</c> are also read from <c>[network]</c> for older files; a file
/// may set each in one of the two only.</summary>
internal static class EngineSectionBinder
{
    public static readonly (string, WaitMode)[] WaitWords =
        [("efficient", WaitMode.Efficient), ("precision", WaitMode.Precision), ("hybrid", WaitMode.Hybrid), ("sleep", WaitMode.Sleep), ("spin", WaitMode.Spin)];

    public static readonly (string, RealtimePolicy)[] RealtimeWords =
        [("off", RealtimePolicy.Off), ("fifo", RealtimePolicy.Fifo), ("rr", RealtimePolicy.RoundRobin)];

    public static readonly (string, SendSegmentation)[] SegmentWords =
        [("auto", SendSegmentation.Auto), ("on", SendSegmentation.On), ("off", SendSegmentation.Off)];

    public static void Bind(TomlTableNode? table, TomlTableNode? network, RunPlan plan, PlanErrorSink errors)
    {
        if (table is null)
        {
            return;
        }

        var engine = plan.Engine;
        engine.Origin = table.Origin;
        var reader = new TomlTableReader(table, "[engine]", errors, engine.Keys);
        if (reader.TryWord("wait", WaitWords, out WaitMode wait))
        {
            plan.Network.Wait = wait;
            OnlyOnce(reader, network, "wait");
        }

        if (TryWheelTick(reader, out TimeSpan tick))
        {
            plan.Network.WheelTick = tick;
            OnlyOnce(reader, network, "wheel-tick");
        }

        if (reader.TryDuration("send-grid", false, out TimeSpan grid, out _))
        {
            engine.SendGrid = grid;
        }

        BindSpinWindow(reader, engine);
        if (reader.TryDuration("receive-interval", false, out TimeSpan receiveInterval, out _))
        {
            engine.ReceiveInterval = receiveInterval;
        }

        if (reader.TryWord("realtime", RealtimeWords, out RealtimePolicy realtime))
        {
            engine.Realtime = realtime;
        }

        if (reader.TryWord("segment-sends", SegmentWords, out SendSegmentation segment))
        {
            engine.SegmentSends = segment;
        }

        engine.RealtimePriority = (int)reader.Integer("realtime-priority", int.MinValue, int.MaxValue, engine.RealtimePriority);
        engine.ReceiveBufferBytes = (int)reader.Integer("receive-buffer-bytes", int.MinValue, int.MaxValue, engine.ReceiveBufferBytes);
        engine.RealtimeReceive = reader.Bool("realtime-receive", engine.RealtimeReceive);
        engine.LockMemory = reader.Bool("lock-memory", engine.LockMemory);
        engine.WheelCpus = Cpus(reader, "wheel-cpus") ?? engine.WheelCpus;
        engine.ReceiveCpus = Cpus(reader, "receive-cpus") ?? engine.ReceiveCpus;
        if (reader.TryDuration("stall-threshold", false, out TimeSpan threshold, out _))
        {
            engine.StallThreshold = threshold;
        }

        engine.StallsInVerdicts = reader.Bool("stalls-in-verdicts", engine.StallsInVerdicts);
        if (reader.TryDuration("full-collection-every", false, out TimeSpan every, out _))
        {
            engine.FullCollectionEvery = every;
        }

        reader.ReportUnknownKeys();
    }

    /// <summary>Reads <c>wheel-tick</c> (1 µs … 10 ms) from <c>[engine]</c> or <c>[network]</c>.</summary>
    public static bool TryWheelTick(TomlTableReader reader, out TimeSpan tick)
    {
        if (!reader.TryDuration("wheel-tick", false, out tick, out SourceLocation at))
        {
            return false;
        }

        if (tick < TimeSpan.FromMicroseconds(1) || tick > TimeSpan.FromMilliseconds(10))
        {
            reader.Error(at, "'wheel-tick' must be between 1us and 10ms");
            return false;
        }

        return true;
    }

    private static void OnlyOnce(TomlTableReader reader, TomlTableNode? network, string key)
    {
        if (network?.Find(key) is { } other)
        {
            reader.Error(reader.Take(key)!.KeyOrigin, $"'{key}' is set in [network] too (at {other.KeyOrigin}); set it in [engine] only");
        }
    }

    private static void BindSpinWindow(TomlTableReader reader, EnginePlan engine)
    {
        if (reader.Take("spin-window") is null)
        {
            return;
        }

        if (reader.TryString("spin-window", out string text, out SourceLocation at) && string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            engine.SpinWindow = null;
            return;
        }

        if (!DurationParser.TryParse(text, out TimeSpan window))
        {
            reader.Error("spin-window", at, $"'spin-window' must be \"auto\" or a duration from 0 to 1ms, not \"{text}\"");
            return;
        }

        engine.SpinWindow = window;
    }

    private static List<int>? Cpus(TomlTableReader reader, string key)
    {
        if (reader.Take(key) is not { } entry)
        {
            return null;
        }

        SourceLocation at;
        if (entry.Value is StringValueSyntax && reader.TryString(key, out string text, out at))
        {
            if (CpuListParser.TryParse(text, out IReadOnlyList<int> parsed, out string error))
            {
                return [.. parsed];
            }

            reader.Error(at, $"'{key}': {error}");
            return null;
        }

        var numbers = new List<double>();
        if (!reader.TryNumberArray(key, numbers, out at))
        {
            return null;
        }

        var cpus = new List<int>();
        foreach (double number in numbers)
        {
            if (number < 0 || number > CpuListParser.MaxCpu || number != Math.Floor(number))
            {
                reader.Error(at, $"'{key}': {number.ToString(CultureInfo.InvariantCulture)} is not a CPU number (0–{CpuListParser.MaxCpu})");
                return null;
            }

            cpus.Add((int)number);
        }

        return cpus;
    }
}
