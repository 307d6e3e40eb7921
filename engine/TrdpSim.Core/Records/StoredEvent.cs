namespace TrdpSim.Records;

/// <summary>One event of a run as stored: a fault beginning or ending, a control action, a threshold breach or
/// recovery, an ingested event, an anomaly.</summary>
/// <param name="AtMilliseconds">Run time, from the first tick.</param>
/// <param name="Utc">Wall clock.</param>
/// <param name="Kind">What happened (<see cref="StoredEventKinds"/>).</param>
/// <param name="Source">Who: a control actor (<c>scenario:doors</c>, <c>http:…</c>), <c>plan</c>, <c>thresholds</c>.</param>
/// <param name="Subject">What it is about: a fault's name, a control target, a threshold's text.</param>
/// <param name="Detail">A short description: the fault's kind and target, the control action and its value.</param>
internal sealed record StoredEvent(long AtMilliseconds, DateTime Utc, string Kind, string Source, string Subject, string Detail);

/// <summary>The kinds of <see cref="StoredEvent"/>.</summary>
internal static class StoredEventKinds
{
    /// <summary>A fault began to act (intensity above zero): its impact window opens.</summary>
    public const string FaultStart = "fault.start";

    /// <summary>A fault stopped acting (its stop time, a repair, the end of its scenario).</summary>
    public const string FaultEnd = "fault.end";

    /// <summary>A control action applied through <c>RunControl</c> (scenario, HTTP, host).</summary>
    public const string Control = "control";

    /// <summary>A threshold began to fail.</summary>
    public const string ThresholdBreach = "threshold.breach";

    /// <summary>A failing threshold holds again.</summary>
    public const string ThresholdRecovery = "threshold.recovery";

    /// <summary>An event posted by an external tool.</summary>
    public const string Ingested = "ingest";

    /// <summary>Something the engine noticed (timeouts, gaps, overload).</summary>
    public const string Anomaly = "anomaly";

    /// <summary>The run started, paused, resumed or stopped.</summary>
    public const string RunState = "run.state";
}
