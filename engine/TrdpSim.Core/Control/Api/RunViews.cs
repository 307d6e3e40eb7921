using TrdpSim.Composition;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Reporting;

namespace TrdpSim.Control.Api;

/// <summary>The daemon's runs as the control plane's JSON shows them.</summary>
internal static class RunViews
{
    public static RunListItem Item(ManagedRun run)
    {
        var now = DateTimeOffset.UtcNow;
        var elapsed = run.StartedUtc is { } started ? ((run.StoppedUtc ?? now) - started).TotalSeconds : 0;
        return new RunListItem(run.Id, run.Name, RunStates.Label(run.State), run.Paths, run.CreatedUtc, run.StartedUtc, run.StoppedUtc,
            elapsed, run.Duration?.TotalSeconds);
    }

    public static RunDetailResponse Detail(RunStatus status)
    {
        var telegrams = new List<TelegramDto>(status.Telegrams.Count);
        foreach (var t in status.Telegrams)
        {
            telegrams.Add(new TelegramDto(t.Device, t.Name, t.Role.ToString().ToLowerInvariant(), t.ComId, t.Instances, t.Counters));
        }

        var scenarios = new List<ScenarioDto>(status.Scenarios.Count);
        foreach (var s in status.Scenarios)
        {
            scenarios.Add(new ScenarioDto(s.Name, s.State, s.Phase, s.Error));
        }

        return new RunDetailResponse(status.Id, status.Name, RunStates.Label(status.State), status.Files, status.CreatedUtc, status.StartedUtc, status.StoppedUtc,
            status.Elapsed.TotalSeconds, status.Duration?.TotalSeconds, status.Seed, status.Totals, telegrams, status.Faults, scenarios,
            Parameters(status.Parameters), Audit(status.Audit), status.AuditTotal, Outcome(status.Outcome), status.StoreId);
    }

    public static List<ParameterDto> Parameters(IReadOnlyList<ParameterStatus> parameters)
    {
        var list = new List<ParameterDto>(parameters.Count);
        foreach (var p in parameters)
        {
            list.Add(new ParameterDto(p.Name, p.Type, p.Value, p.File));
        }

        return list;
    }

    public static AuditEventDto Event(in ControlEvent e) =>
        new(e.Utc, Action(e.Action), e.Target, e.Detail, e.Actor.Name, e.IsUndo);

    /// <summary>An action's name in JSON: kebab-case (<c>set-cycle</c>, <c>stop-run</c>).</summary>
    public static string Action(ControlActionKind action)
    {
        var name = action.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static List<AuditEventDto> Audit(IReadOnlyList<ControlEvent> events)
    {
        var list = new List<AuditEventDto>(events.Count);
        foreach (var e in events)
        {
            list.Add(Event(e));
        }

        return list;
    }

    private static OutcomeDto? Outcome(RunOutcome? outcome) => outcome is null ? null
        : new OutcomeDto(RunStopReasons.Label(outcome.StopReason), outcome.ThresholdsPassed, outcome.FailedThresholds, outcome.EngineErrors,
            outcome.ScenarioErrors, outcome.AbortReason);
}
