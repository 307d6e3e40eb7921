using TrdpSim.Composition;

namespace TrdpSim.Control.Api;

/// <summary><c>201</c> to <c>POST /api/runs</c>.</summary>
public sealed record CreatedRunResponse(string Id, string State, string Url);

/// <summary>One run in <c>GET /api/runs</c>.</summary>
/// <param name="Id">The daemon's id.</param>
/// <param name="Name">The plan's name.</param>
/// <param name="State"><c>created</c>, <c>running</c>, <c>paused</c>, <c>completed</c>, <c>stopped</c>, <c>failed</c> or <c>aborted</c>.</param>
/// <param name="Files">The plan files as read.</param>
/// <param name="CreatedUtc">When it was accepted.</param>
/// <param name="StartedUtc">When its traffic started.</param>
/// <param name="StoppedUtc">When it ended.</param>
/// <param name="ElapsedSeconds">Seconds since the start (to the end once ended).</param>
/// <param name="DurationSeconds">The requested duration; null = until stopped.</param>
public sealed record RunListItem(string Id, string Name, string State, IReadOnlyList<string> Files,
    DateTimeOffset CreatedUtc, DateTimeOffset? StartedUtc, DateTimeOffset? StoppedUtc, double ElapsedSeconds, double? DurationSeconds);

/// <summary><c>GET /api/runs/{id}</c>: the run now, or as it ended; <c>storeId</c> is its record in the run store
/// (<c>GET /api/store/runs/{storeId}</c>), null when it is not recorded.</summary>
public sealed record RunDetailResponse(
    string Id, string Name, string State, IReadOnlyList<string> Files,
    DateTimeOffset CreatedUtc, DateTimeOffset? StartedUtc, DateTimeOffset? StoppedUtc, double ElapsedSeconds, double? DurationSeconds, ulong Seed,
    TelegramCounterSnapshot Totals, IReadOnlyList<TelegramDto> Telegrams, IReadOnlyList<FaultStatus> Faults,
    IReadOnlyList<ScenarioDto> Scenarios, IReadOnlyList<ParameterDto> Parameters,
    IReadOnlyList<AuditEventDto> Audit, long AuditTotal, OutcomeDto? Outcome, string? StoreId);

/// <summary>One configured telegram: its role (<c>publish</c>, <c>subscribe</c>, <c>pull</c>) and counters.</summary>
public sealed record TelegramDto(string Device, string Name, string Role, uint ComId, int Instances, TelegramCounterSnapshot Counters);

/// <summary>A scenario's state (<c>active</c>, <c>settling</c>, <c>settled</c> …) and the phase playing.</summary>
public sealed record ScenarioDto(string Name, string State, string? Phase, string? Error);

/// <summary>A scenario parameter's value now (<c>type</c> empty when no script reads it at run time).</summary>
public sealed record ParameterDto(string Name, string Type, string Value, string File);

/// <summary>One control action applied to the run: what, to what, by whom, when.</summary>
/// <param name="Utc">When it was applied (wall clock).</param>
/// <param name="Action">What was done (<c>inject</c>, <c>repair</c>, <c>set-cycle</c>, <c>pause</c> …).</param>
/// <param name="Target">What it was done to.</param>
/// <param name="Detail">The new value or state in words.</param>
/// <param name="Actor"><c>http:&lt;client&gt;</c>, <c>scenario:&lt;name&gt;</c> or <c>host</c>.</param>
/// <param name="Undo">Whether it takes back an earlier change (a reset, a scenario settling).</param>
public sealed record AuditEventDto(DateTimeOffset Utc, string Action, string Target, string Detail, string Actor, bool Undo);

/// <summary>How a run ended: the verdict of <c>trdpsim run</c>.</summary>
/// <param name="StopReason"><c>completed</c>, <c>stopped</c>, <c>threshold abort</c>, <c>error</c> ….</param>
/// <param name="ThresholdsPassed">Every threshold held and no scenario declared a failure.</param>
/// <param name="FailedThresholds">The rules that failed, with what was seen.</param>
/// <param name="EngineErrors">Errors caught inside the engine.</param>
/// <param name="ScenarioErrors">Script errors that stopped a scenario.</param>
/// <param name="AbortReason">The abort-on-fail threshold that ended the run, if one did.</param>
public sealed record OutcomeDto(string StopReason, bool ThresholdsPassed, IReadOnlyList<string> FailedThresholds, long EngineErrors,
    IReadOnlyList<string> ScenarioErrors, string? AbortReason);

/// <summary>The answer to a control action: what it concerned, what happened, and the run's state after it.</summary>
public sealed record ActionResponse(string Run, string Subject, string Message, string State);

/// <summary><c>GET …/fields/{field}</c>: the field in every instance of the telegram.</summary>
public sealed record FieldReadingsResponse(string Run, IReadOnlyList<FieldReading> Readings);

/// <summary><c>GET …/telegrams/{telegram}</c>: counters summed over the telegram's instances.</summary>
public sealed record TelegramCountersResponse(string Run, string Telegram, string? Device, TelegramCounterSnapshot Counters);

/// <summary><c>GET /healthz</c>, <c>GET /readyz</c>.</summary>
public sealed record HealthResponse(string Status, string Version, string Commit, int LiveRuns);
