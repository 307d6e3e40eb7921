using TrdpSim.Composition;
using TrdpSim.Reporting;
using TrdpSim.Telemetry;

namespace TrdpSim.Hosting.Daemon;

/// <summary>A run of the daemon as it is now: what <c>GET /api/runs/{id}</c> shows.</summary>
/// <param name="Id">The daemon's id of the run.</param>
/// <param name="Name">The plan's name.</param>
/// <param name="State">Where the run is in its life.</param>
/// <param name="Files">The plan files as read (installed plugin names resolved).</param>
/// <param name="CreatedUtc">When the daemon accepted it.</param>
/// <param name="StartedUtc">When its traffic started.</param>
/// <param name="StoppedUtc">When it ended.</param>
/// <param name="Elapsed">Time since the start (to the end once it has ended).</param>
/// <param name="Duration">How long it was asked to run; null = until stopped.</param>
/// <param name="Seed">The seed of every generator and fault model.</param>
/// <param name="Totals">Counters summed over every telegram.</param>
/// <param name="Telegrams">Counters per configured telegram (all instances of a plan entry together).</param>
/// <param name="Faults">The faults attached now (none once the run has ended).</param>
/// <param name="Scenarios">Each scenario's state and phase.</param>
/// <param name="Parameters">Each scenario parameter's value now.</param>
/// <param name="Audit">The last control actions applied, oldest first.</param>
/// <param name="AuditTotal">Control actions applied since the start (kept or not).</param>
/// <param name="Outcome">How it ended; null while it is live.</param>
/// <param name="StoreId">Its record in the run store; null when it is not recorded.</param>
public sealed record RunStatus(
    string Id, string Name, RunState State, IReadOnlyList<string> Files,
    DateTimeOffset CreatedUtc, DateTimeOffset? StartedUtc, DateTimeOffset? StoppedUtc, TimeSpan Elapsed, TimeSpan? Duration, ulong Seed,
    TelegramCounterSnapshot Totals, IReadOnlyList<TelegramStatus> Telegrams, IReadOnlyList<FaultStatus> Faults,
    IReadOnlyList<ScenarioStatus> Scenarios, IReadOnlyList<ParameterStatus> Parameters,
    IReadOnlyList<ControlEvent> Audit, long AuditTotal, RunOutcome? Outcome, string? StoreId = null);

/// <summary>One configured telegram's counters.</summary>
public sealed record TelegramStatus(string Device, string Name, TelegramRole Role, uint ComId, int Instances, TelegramCounterSnapshot Counters);

/// <summary>One scenario: its state (<c>active</c>, <c>settling</c>, <c>settled</c> …), the phase playing, the error that stopped it.</summary>
public sealed record ScenarioStatus(string Name, string State, string? Phase, string? Error);

/// <summary>A scenario parameter's value now, and the scenario file that declared it.</summary>
public sealed record ParameterStatus(string Name, string Type, string Value, string File);

/// <summary>How a run ended.</summary>
/// <param name="StopReason">Why it ended (the manifest's <c>stopReason</c>).</param>
/// <param name="ThresholdsPassed">Every threshold held and no scenario declared a failure.</param>
/// <param name="FailedThresholds">The rules that failed, each with what was observed.</param>
/// <param name="EngineErrors">Errors caught inside the engine.</param>
/// <param name="ScenarioErrors">Script errors that stopped a scenario (<c>file:line:col: message</c>).</param>
/// <param name="AbortReason">The abort-on-fail threshold that ended the run early, if one did.</param>
/// <param name="SummaryJson">The final summary as <c>trdpsim run --summary-json</c> writes it (UTF-8).</param>
public sealed record RunOutcome(RunStopReason StopReason, bool ThresholdsPassed, IReadOnlyList<string> FailedThresholds, long EngineErrors,
    IReadOnlyList<string> ScenarioErrors, string? AbortReason, ReadOnlyMemory<byte> SummaryJson);
