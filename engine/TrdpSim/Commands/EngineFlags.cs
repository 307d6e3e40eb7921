using System.CommandLine;
using System.Globalization;
using TrdpSim.Configuration;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim run</c>'s engine options: each sets an <c>[engine]</c> key and wins over the file — the wait,
/// its grid and spin window, real-time scheduling, memory locking, CPU affinity, the stall rules and forced full collections. A bad value is a
/// parse error (exit 2) that names the option and the value.</summary>
internal sealed class EngineFlags
{
    // The words are [engine]'s own, so an option and a key can never accept different spellings.
    private static readonly (string Word, WaitMode Mode)[] WaitWords = EngineSectionBinder.WaitWords;

    private static readonly (string Word, RealtimePolicy Policy)[] RealtimeWords = EngineSectionBinder.RealtimeWords;

    private EngineFlags()
    {
        Wait = Word("--wait", "efficient|precision|hybrid|sleep|spin",
            "how the wheel thread waits for its next deadline [default: the plan's [engine] wait, else efficient]", WaitWords);
        SendGrid = Text("--send-grid", "duration", "the grid first sends are shaped onto, 1us to 100ms [default: 1ms for the efficient wait, else the wheel tick]",
            text => DurationParser.TryParse(text, out var value) && value >= TimeSpan.FromMicroseconds(1) && value <= TimeSpan.FromMilliseconds(100)
                ? null : "is not a duration between 1us and 100ms");
        SpinWindow = Text("--spin-window", "auto|duration", "the efficient wait's spin before a deadline: auto (measured) or 0 to 1ms [default: auto]",
            text => string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase)
                || (DurationParser.TryParse(text, out var value) && value >= TimeSpan.Zero && value <= TimeSpan.FromMilliseconds(1))
                ? null : "is not 'auto' or a duration from 0 to 1ms");
        Realtime = Word("--realtime", "off|fifo|rr", "real-time scheduling of the wheel thread [default: off]", RealtimeWords);
        RealtimePriority = Text("--realtime-priority", "1-99", "the real-time priority [default: 10]",
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 99
                ? null : "is not a priority from 1 to 99");
        RealtimeReceive = OptionValues.Flag("--realtime-receive", "give the receive threads the real-time policy too");
        LockMemory = OptionValues.Flag("--lock-memory", "lock the process's memory (mlockall): no page fault on a hot path");
        WheelCpus = Text("--wheel-cpus", "list", "CPUs the wheel thread may run on, e.g. 1 or 2-3 [default: any]", CpuError);
        ReceiveCpus = Text("--receive-cpus", "list", "CPUs the receive threads may run on, e.g. 0 or 0,2 [default: any]", CpuError);
        StallThreshold = Text("--stall-threshold", "duration", "the shortest stall of trdpsim's own threads that counts, 100us to 10s [default: 5ms]",
            text => DurationParser.TryParse(text, out var value) && value >= TimeSpan.FromMicroseconds(100) && value <= TimeSpan.FromSeconds(10)
                ? null : "is not a duration between 100us and 10s");
        StallsInVerdicts = OptionValues.Flag("--stalls-in-verdicts", "count timeouts and gaps inside trdpsim's own stalls against the device");
        FullCollectionEvery = Text("--full-collection-every", "duration",
            "force a full garbage collection this often, 1m to 24h, so a soak's heap figures show what the run keeps [default: never]",
            text => DurationParser.TryParse(text, out var value) && value >= EngineChecks.MinFullCollectionEvery && value <= EngineChecks.MaxFullCollectionEvery
                ? null : "is not a duration between 1m and 24h");
    }

    public Option<string?> Wait { get; }

    public Option<string?> SendGrid { get; }

    public Option<string?> SpinWindow { get; }

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
        foreach (Option option in (Option[])[Wait, SendGrid, SpinWindow, Realtime, RealtimePriority, RealtimeReceive, LockMemory, WheelCpus, ReceiveCpus, StallThreshold, StallsInVerdicts, FullCollectionEvery])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options given, as a change to apply to the plan once it is loaded (values were checked while parsing).</summary>
    public Action<RunPlan> Read(ParseResult parse)
    {
        var wait = parse.GetValue(Wait);
        var grid = parse.GetValue(SendGrid);
        var window = parse.GetValue(SpinWindow);
        var realtime = parse.GetValue(Realtime);
        var priority = parse.GetValue(RealtimePriority);
        var realtimeReceive = parse.GetValue(RealtimeReceive);
        var lockMemory = parse.GetValue(LockMemory);
        var wheelCpus = parse.GetValue(WheelCpus);
        var receiveCpus = parse.GetValue(ReceiveCpus);
        var threshold = parse.GetValue(StallThreshold);
        var stallsInVerdicts = parse.GetValue(StallsInVerdicts);
        var fullCollectionEvery = parse.GetValue(FullCollectionEvery);
        return plan =>
        {
            var engine = plan.Engine;
            if (wait is not null)
            {
                plan.Network.Wait = Find(WaitWords, wait);
            }

            if (grid is not null)
            {
                engine.SendGrid = DurationParser.Parse(grid);
            }

            if (window is not null)
            {
                engine.SpinWindow = string.Equals(window, "auto", StringComparison.OrdinalIgnoreCase) ? null : DurationParser.Parse(window);
            }

            if (realtime is not null)
            {
                engine.Realtime = Find(RealtimeWords, realtime);
            }

            if (priority is not null)
            {
                engine.RealtimePriority = int.Parse(priority, NumberStyles.None, CultureInfo.InvariantCulture);
            }

            engine.RealtimeReceive |= realtimeReceive;
            engine.LockMemory |= lockMemory;
            engine.StallsInVerdicts |= stallsInVerdicts;
            if (wheelCpus is not null && CpuListParser.TryParse(wheelCpus, out var wheel, out _))
            {
                engine.WheelCpus = wheel;
            }

            if (receiveCpus is not null && CpuListParser.TryParse(receiveCpus, out var receive, out _))
            {
                engine.ReceiveCpus = receive;
            }

            if (threshold is not null)
            {
                engine.StallThreshold = DurationParser.Parse(threshold);
            }

            if (fullCollectionEvery is not null)
            {
                engine.FullCollectionEvery = DurationParser.Parse(fullCollectionEvery);
            }
        };
    }

    private static string? CpuError(string text) => CpuListParser.TryParse(text, out _, out var error) ? null : error;

    private static Option<string?> Text(string name, string helpName, string description, Func<string, string?> check)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (check(text) is { } problem)
            {
                result.AddError($"{name} '{text}' {problem}");
            }
        });
        return option;
    }

    private static Option<string?> Word<T>(string name, string helpName, string description, (string Word, T Value)[] words) =>
        Text(name, helpName, description, text => Array.Exists(words, w => string.Equals(w.Word, text, StringComparison.OrdinalIgnoreCase))
            ? null : "is not one of " + string.Join(", ", words.Select(w => w.Word)));

    private static T Find<T>((string Word, T Value)[] words, string text) =>
        Array.Find(words, w => string.Equals(w.Word, text, StringComparison.OrdinalIgnoreCase)).Value;
}
