namespace TrdpSim.Control.Api;

/// <summary>One stored run in <c>GET /api/store/runs</c> (as <c>trdpsim runs list</c> shows it).</summary>
/// <param name="Id">The store's id, <c>yyyyMMdd-HHmmss-xxxx</c> (not the daemon's <c>r1</c>).</param>
/// <param name="Name">The plan's name.</param>
/// <param name="State"><c>running</c>, <c>paused</c>, <c>completed</c>, <c>stopped</c>, <c>failed</c>, <c>aborted</c> or <c>crashed</c>.</param>
/// <param name="StartedUtc">When its traffic started.</param>
/// <param name="StoppedUtc">When it ended (a crashed run: its last checkpoint).</param>
/// <param name="StopReason">Why it ended, in the summary's words.</param>
/// <param name="DurationSeconds">How long it played.</param>
/// <param name="Intervals">Interval rows stored.</param>
/// <param name="Verdict"><c>passed</c>, <c>failed</c>, or null while it plays or when it crashed.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="Version">The trdpsim that played it.</param>
public sealed record StoredRunItem(string Id, string Name, string State, DateTime? StartedUtc, DateTime? StoppedUtc, string? StopReason,
    double DurationSeconds, long Intervals, string? Verdict, ulong Seed, string Version);

/// <summary><c>GET /api/store/runs/{id}</c>: a stored run's manifest, verdict, groups and events (as <c>trdpsim runs show</c>).</summary>
public sealed record StoredRunDetail(StoredRunItem Run, string ScenarioKey, string Commit, IReadOnlyList<string> CommandLine,
    IReadOnlyList<StoredInputDto> Inputs, IReadOnlyList<StoredThresholdDto> Thresholds, IReadOnlyList<string> Groups,
    IReadOnlyList<StoredEventDto> Events);

/// <summary>An input file of a stored run (its content: <c>trdpsim runs inputs</c>).</summary>
public sealed record StoredInputDto(string Path, string? Sha256, long Bytes);

/// <summary>A threshold of a stored run: held (true), failed (false) or not judged (null).</summary>
public sealed record StoredThresholdDto(string Text, bool? Passed, string? Observed);

/// <summary>An event of a stored run: a control action with its actor, a fault starting or ending, a threshold change.</summary>
/// <param name="AtSeconds">Run time from the first tick.</param>
/// <param name="Utc">Wall clock.</param>
/// <param name="Kind"><c>control</c>, <c>fault.start</c>, <c>fault.end</c>, <c>threshold.breach</c> ….</param>
/// <param name="Source">Who (<c>http:ctl@127.0.0.1</c>, <c>scenario:doors</c>, <c>thresholds</c> …).</param>
/// <param name="Subject">What it concerns.</param>
/// <param name="Detail">What happened, in words.</param>
public sealed record StoredEventDto(double AtSeconds, DateTime Utc, string Kind, string Source, string Subject, string Detail);
