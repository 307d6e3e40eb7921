namespace TrdpSim.Records;

/// <summary>One run as the store lists it: its identity, life and verdict (the figures are loaded on demand).</summary>
/// <param name="Id">The run id, <c>yyyyMMdd-HHmmss-xxxx</c> (UTC of its creation and four random hex digits): sorts by time.</param>
/// <param name="Name">The plan's name.</param>
/// <param name="ScenarioKey">Plan name and a hash of its inputs and parameters: runs with the same key played the
/// same scenario, and a baseline is kept per key.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="CreatedUtc">When it was recorded.</param>
/// <param name="StartedUtc">When its devices started playing (null before).</param>
/// <param name="StoppedUtc">When it ended; for a crashed run, its last checkpoint.</param>
/// <param name="StopReason">Why it ended, in the summary's words (<c>completed</c>, <c>interrupted (SIGTERM)</c> …, <c>crashed</c>).</param>
/// <param name="IntervalMilliseconds">The length of its statistics intervals.</param>
/// <param name="Intervals">Interval rows written so far.</param>
/// <param name="Verdict"><c>passed</c>, <c>failed</c>, or null while it plays (or when it crashed).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Version">The trdpsim version that played it.</param>
/// <param name="Commit">The commit that build came from.</param>
internal sealed record StoredRun(
    string Id,
    string Name,
    string ScenarioKey,
    RunState State,
    DateTime CreatedUtc,
    DateTime? StartedUtc,
    DateTime? StoppedUtc,
    string? StopReason,
    long IntervalMilliseconds,
    long Intervals,
    string? Verdict,
    ulong Seed,
    string Version,
    string Commit)
{
    /// <summary>How long it played: start to stop (or to the last checkpoint); zero before it started.</summary>
    public TimeSpan Duration => StartedUtc is { } start && StoppedUtc is { } stop && stop > start ? stop - start : TimeSpan.Zero;
}
