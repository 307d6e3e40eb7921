namespace TrdpSim.Events;

/// <summary>One thing that happened in a run, as posted to the <see cref="RunEventBus"/>.</summary>
/// <remarks>
/// A plain value: posting copies it into the bus's ring, so the hot paths that post (receive threads, the
/// wheel) allocate nothing as long as the strings they pass already exist (device and telegram names,
/// fault names). What each field means depends on <see cref="Kind"/> (see <see cref="RunEventKind"/>);
/// unused fields stay null or 0.
/// </remarks>
/// <param name="Kind">What happened.</param>
/// <param name="MonotonicNanoseconds">When, on the run's monotonic clock (<c>Scheduling.MonotonicClock</c>).</param>
/// <param name="Source">Who: a control actor (<c>scenario:doors</c>, <c>http:…</c>), a scenario, an ingest source.</param>
/// <param name="Subject">What it is about: a fault, a control target, a threshold, a phase, a reject reason, a value's name.</param>
/// <param name="Device">The device concerned, if any.</param>
/// <param name="Telegram">The telegram instance concerned, if any.</param>
/// <param name="Count">A count (frames lost, strikes, timeouts …).</param>
/// <param name="Value">A number (a measured value, a total …); NaN when there is none.</param>
/// <param name="Detail">A short qualifier (a fault's kind, a control action, a log level).</param>
/// <param name="Text">Free text (a control change's new value, a log line, why a run stopped).</param>
public readonly record struct RunEvent(
    RunEventKind Kind,
    long MonotonicNanoseconds,
    string? Source = null,
    string? Subject = null,
    string? Device = null,
    string? Telegram = null,
    long Count = 0,
    double Value = double.NaN,
    string? Detail = null,
    string? Text = null)
{
    /// <summary>Wall-clock time given by the poster (ingested events), as <see cref="DateTime.Ticks"/> (UTC);
    /// 0 = derive it from <see cref="MonotonicNanoseconds"/>.</summary>
    public long UtcTicks { get; init; }
}
