using System.CommandLine;
using System.Globalization;
using TrdpSim.Configuration;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim run</c>'s engine options: each sets an <c>[engine]</c> key and wins over the file — the wait,
/// its grid and spin window, the receive interval, send segmentation, receive buffers, real-time scheduling, memory locking, CPU affinity, the stall rules and forced full collections. A bad value is a
/// parse error (exit 2) that names the option and the value.</summary>
internal sealed class EngineFlags
{
    // The words are [engine]'s own, so an option and a key can never accept different spellings.
    private static readonly (string Word, WaitMode Mode)[] WaitWords = EngineSectionBinder.WaitWords;

    private static readonly (string Word, RealtimePolicy Policy)[] RealtimeWords = EngineSectionBinder.RealtimeWords;

    private static readonly (string Word, SendSegmentation Segmentation)[] SegmentWords = EngineSectionBinder.SegmentWords;

    private EngineFlags()
    {
        Wait = Word("--wait", "efficient|precision|hybrid|sleep|spin",
            "how the wheel thread waits for its next deadline [default: the plan's [engine] wait, else efficient]", WaitWords);
        SendGrid = DurationRange("--send-grid", "the grid first sends are shaped onto, 1us to 100ms [default: 1ms for the efficient wait, 200us with --realtime, else the wheel tick]",
            TimeSpan.FromMicroseconds(1), TimeSpan.FromMilliseconds(100), "1us and 100ms");
        SpinWindow = Text("--spin-window", "auto|duration", "the efficient wait's spin before a deadline: auto (measured) or 0 to 1ms [default: auto]",
            text => string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase)
                || (DurationParser.TryParse(text, out var value) && value >= TimeSpan.Zero && value <= TimeSpan.FromMilliseconds(1))
                ? null : "is not 'auto' or a duration from 0 to 1ms");
        ReceiveInterval = DurationRange("--receive-interval",
            "how long a PD receive thread waits after draining its socket, 0 to 10ms; arrivals keep the kernel's timestamps [default: 1ms, 500us with --realtime]",
            TimeSpan.Zero, EngineChecks.MaxReceiveInterval, "0 and 10ms");
        SegmentSends = Word("--segment-sends", "auto|on|off",
            "hand runs of datagrams to one destination to the kernel as one message it cuts up (UDP_SEGMENT); auto pauses while a packet capture is open [default: auto]",
            SegmentWords);
        ReceiveBufferBytes = Text("--receive-buffer-bytes", "bytes",
            "the receive buffer each socket asks for, 65536 to 1073741824; past net.core.rmem_max only with CAP_NET_ADMIN [default: 4194304]",
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value is >= EngineChecks.MinReceiveBufferBytes and <= EngineChecks.MaxReceiveBufferBytes
                ? null : "is not a byte count from 65536 to 1073741824");
        Realtime = Word("--realtime", "off|fifo|rr", "real-time scheduling of the wheel thread [default: off]", RealtimeWords);
        RealtimePriority = Text("--realtime-priority", "1-99", "the real-time priority [default: 10]",
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 99
                ? null : "is not a priority from 1 to 99");
        RealtimeReceive = OptionValues.Flag("--realtime-receive", "give the receive threads the real-time policy too");
        LockMemory = OptionValues.Flag("--lock-memory", "lock the process's memory (mlockall): no page fault on a hot path");
        WheelCpus = Text("--wheel-cpus", "list", "CPUs the wheel thread may run on, e.g. 1 or 2-3 [default: any]", CpuError);
        ReceiveCpus = Text("--receive-cpus", "list", "CPUs the receive threads may run on, e.g. 0 or 0,2 [default: any]", CpuError);
        StallThreshold = DurationRange("--stall-threshold", "the shortest stall of trdpsim's own threads that counts, 100us to 10s [default: 5ms]",
            TimeSpan.FromMicroseconds(100), TimeSpan.FromSeconds(10), "100us and 10s");
        StallsInVerdicts = OptionValues.Flag("--stalls-in-verdicts", "count timeouts and gaps inside trdpsim's own stalls against the device");
        FullCollectionEvery = DurationRange("--full-collection-every",
            "force a full garbage collection this often, 1m to 24h, so a soak's heap figures show what the run keeps [default: never]",
            EngineChecks.MinFullCollectionEvery, EngineChecks.MaxFullCollectionEvery, "1m and 24h");
    }

    public Option<string?> Wait { get; }

    public Option<string?> SendGrid { get; }

    public Option<string?> SpinWindow { get; }

    public Option<string?> ReceiveInterval { get; }

    public Option<string?> SegmentSends { get; }

    public Option<string?> ReceiveBufferBytes { get; }

    public Option<string?> Realtime { get; }

    public Option<string?> RealtimePriority { get; }

    public Option<bool> RealtimeReceive { get; }

    public Option<bool> LockMemory { get; }

    public Option<string?> WheelCpus { get; }

    public Option<string?> ReceiveCpus { get; }

    public Option<string?> StallThreshold { get; }

    public Option<bool> StallsInVerdicts { get; }

    public Option<string?> FullCollectionEvery { get; }

    public static EngineFlags Create() => new();

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[Wait, SendGrid, SpinWindow, ReceiveInterval, SegmentSends, ReceiveBufferBytes, Realtime, RealtimePriority, RealtimeReceive, LockMemory, WheelCpus, ReceiveCpus, StallThreshold, StallsInVerdicts, FullCollectionEvery])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options given, as a change to apply to the plan once it is loaded (values were checked while parsing).</summary>
    public Action<RunPlan> Read(ParseResult parse) => plan =>
    {
        var engine = plan.Engine;
        if (parse.GetValue(Wait) is { } wait)
        {
            plan.Network.Wait = Find(WaitWords, wait);
        }

        engine.SendGrid = Duration(parse, SendGrid) ?? engine.SendGrid;
        if (parse.GetValue(SpinWindow) is { } window)
        {
            engine.SpinWindow = string.Equals(window, "auto", StringComparison.OrdinalIgnoreCase) ? null : DurationParser.Parse(window);
        }

        engine.ReceiveInterval = Duration(parse, ReceiveInterval) ?? engine.ReceiveInterval;
        if (parse.GetValue(SegmentSends) is { } segment)
        {
            engine.SegmentSends = Find(SegmentWords, segment);
        }

        if (parse.GetValue(ReceiveBufferBytes) is { } receiveBuffer)
        {
            engine.ReceiveBufferBytes = int.Parse(receiveBuffer, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (parse.GetValue(Realtime) is { } realtime)
        {
            engine.Realtime = Find(RealtimeWords, realtime);
        }

        if (parse.GetValue(RealtimePriority) is { } priority)
        {
            engine.RealtimePriority = int.Parse(priority, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        engine.RealtimeReceive |= parse.GetValue(RealtimeReceive);
        engine.LockMemory |= parse.GetValue(LockMemory);
        engine.StallsInVerdicts |= parse.GetValue(StallsInVerdicts);
        engine.WheelCpus = Cpus(parse, WheelCpus) ?? engine.WheelCpus;
        engine.ReceiveCpus = Cpus(parse, ReceiveCpus) ?? engine.ReceiveCpus;
        engine.StallThreshold = Duration(parse, StallThreshold) ?? engine.StallThreshold;
        engine.FullCollectionEvery = Duration(parse, FullCollectionEvery) ?? engine.FullCollectionEvery;
    };

    /// <summary>The duration an option gave, or null where it was not given.</summary>
    private static TimeSpan? Duration(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text ? DurationParser.Parse(text) : null;

    /// <summary>The CPU list an option gave, or null where it was not given.</summary>
    private static IReadOnlyList<int>? Cpus(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } text && CpuListParser.TryParse(text, out var cpus, out _) ? cpus : null;

    private static string? CpuError(string text) => CpuListParser.TryParse(text, out _, out var error) ? null : error;

    private static Option<string?> Text(string name, string helpName, string description, Func<string, string?> check)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            var text = OptionValues.Value(result);
            if (check(text) is { } problem)
            {
                result.AddError($"{name} '{text}' {problem}");
            }
        });
        return option;
    }

    /// <summary>A duration from <paramref name="min"/> to <paramref name="max"/> (<paramref name="range"/> says them
    /// as the error shows them).</summary>
    private static Option<string?> DurationRange(string name, string description, TimeSpan min, TimeSpan max, string range) =>
        Text(name, "duration", description, text => DurationParser.TryParse(text, out var value) && value >= min && value <= max
            ? null : "is not a duration between " + range);

    private static Option<string?> Word<T>(string name, string helpName, string description, (string Word, T Value)[] words) =>
        Text(name, helpName, description, text => Array.Exists(words, w => string.Equals(w.Word, text, StringComparison.OrdinalIgnoreCase))
            ? null : "is not one of " + string.Join(", ", words.Select(w => w.Word)));

    private static T Find<T>((string Word, T Value)[] words, string text) =>
        Array.Find(words, w => string.Equals(w.Word, text, StringComparison.OrdinalIgnoreCase)).Value;
}
