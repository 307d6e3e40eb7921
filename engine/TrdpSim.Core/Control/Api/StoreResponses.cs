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

/// <summary><c>GET /api/store/runs/compare?a=&amp;b=</c>: what changed from stored run A to B per telegram group, as
/// <c>trdpsim compare</c> prints it (README, "Comparing runs").</summary>
/// <param name="A">Run A (the reference).</param>
/// <param name="B">Run B (the one judged).</param>
/// <param name="SameScenario">Whether both runs played the same scenario (false: the figures may not be comparable).</param>
/// <param name="Worst">The verdict on B: the worst flag of any row, <c>normal</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Rows">Every figure of every group (the text table shows only those beyond noise or flagged).</param>
/// <param name="Text">The table as <c>trdpsim compare</c> prints it.</param>
public sealed record StoredComparison(StoredRunItem A, StoredRunItem B, bool SameScenario, string Worst, IReadOnlyList<StoredComparisonRow> Rows, string Text);

/// <summary>One figure of one group in two stored runs.</summary>
/// <param name="Group">The group's label (<c>device/name (kind)</c>), or <c>rejects</c>.</param>
/// <param name="Figure">The figure (<c>loss</c>, <c>lateness p99</c> …).</param>
/// <param name="Unit"><c>ratio</c>, <c>ns</c>, <c>/s</c> or <c>count</c>.</param>
/// <param name="A">Median over run A's steady intervals in the unit; null without data.</param>
/// <param name="B">Median over run B's; null without data.</param>
/// <param name="AText">A formatted in its unit, as the text table shows it.</param>
/// <param name="BText">B formatted in its unit.</param>
/// <param name="Change">(B − A) / |A|; null without data or when A is 0 and B is not (<see cref="ChangeText"/> says ±∞).</param>
/// <param name="ChangeText">The change as the text table shows it.</param>
/// <param name="P">Mann-Whitney two-sided p-value (1 with too few intervals).</param>
/// <param name="BeyondNoise">Significant and larger than the minimum effect.</param>
/// <param name="Flag"><c>normal</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Note">Why, in words (<c>few intervals</c>, <c>only in A</c> …), or empty.</param>
public sealed record StoredComparisonRow(string Group, string Figure, string Unit, double? A, double? B, string AText, string BText,
    double? Change, string ChangeText, double P, bool BeyondNoise, string Flag, string Note);
