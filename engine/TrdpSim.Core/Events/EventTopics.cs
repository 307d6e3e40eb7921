namespace TrdpSim.Events;

/// <summary>The topics of a run's live stream: where each event kind goes, and the names of the sampled
/// telemetry topics.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>run.state</c>, <c>run.control</c>, <c>run.phase</c>, <c>run.ingest</c>: run events;
/// <c>run.stats</c>: the run-wide sample (rates, totals, lateness, CPU).</item>
/// <item><c>pd.&lt;device&gt;.&lt;telegram&gt;</c>: one configured telegram's sample;
/// <c>md.&lt;device&gt;.&lt;name&gt;</c>: one MD caller's or replier's sample.</item>
/// <item><c>faults</c>: faults injected, repaired, striking. <c>anomalies</c>: timeouts, gaps, rejects,
/// threshold breaches and recoveries, trdpsim's own overload. <c>redundancy</c>: switchovers of a redundancy
/// group's leader.</item>
/// </list>
/// Segments are separated by dots; see <see cref="TopicFilter"/> for wildcards.
/// </remarks>
internal static class EventTopics
{
    public const string RunState = "run.state";
    public const string RunControl = "run.control";
    public const string RunPhase = "run.phase";
    public const string RunIngest = "run.ingest";
    public const string RunStats = "run.stats";
    public const string Faults = "faults";
    public const string Anomalies = "anomalies";
    public const string Redundancy = "redundancy";

    /// <summary>The topic an event of <paramref name="kind"/> is published on.</summary>
    public static string Of(RunEventKind kind) => kind switch
    {
        RunEventKind.RunStarted or RunEventKind.RunStopped => RunState,
        RunEventKind.FaultInjected or RunEventKind.FaultRepaired or RunEventKind.StrikeBurst => Faults,
        RunEventKind.ControlAction => RunControl,
        RunEventKind.PhaseChange => RunPhase,
        RunEventKind.Ingested => RunIngest,
        RunEventKind.Switchover => Redundancy,
        _ => Anomalies,
    };

    /// <summary><c>pd.&lt;device&gt;.&lt;telegram&gt;</c>.</summary>
    public static string ProcessData(string device, string telegram) => "pd." + device + "." + telegram;

    /// <summary><c>md.&lt;device&gt;.&lt;name&gt;</c>.</summary>
    public static string MessageData(string device, string name) => "md." + device + "." + name;
}
