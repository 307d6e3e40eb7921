using TrdpSim.Composition;
using TrdpSim.Control.Api;
using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;
using TrdpSim.Plan;
using TrdpSim.Plan.Faults;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>/api/runs/{id}/telegrams/{telegram}</c> and <c>/api/runs/{id}/devices/{device}</c>: counters, cycle or
/// rate, silence, and dataset fields (read, set, lock against the generator, unlock). <c>?device=</c> narrows a
/// telegram to one device; a plan name covers its numbered instances (<c>name#i</c>).</summary>
public static class TelegramEndpoints
{
    public static IEndpointRouteBuilder MapTelegramEndpoints(this IEndpointRouteBuilder app)
    {
        var telegram = app.MapGroup("/api/runs/{id}/telegrams/{telegram}").WithTags("telegrams");
        telegram.MapGet(string.Empty, CountersAsync).Produces<TelegramCountersResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        telegram.MapPost("/cycle", (string id, string telegram, string? device, CycleRequest body, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await Cycle(control, scope, telegram, device, body))))
            .RequireControlToken().ProducesAction();
        telegram.MapPost("/silence", (string id, string telegram, string? device, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await control.SilenceTelegram(scope, telegram, true, device))))
            .RequireControlToken().ProducesAction();
        telegram.MapPost("/unsilence", (string id, string telegram, string? device, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await control.SilenceTelegram(scope, telegram, false, device))))
            .RequireControlToken().ProducesAction();
        telegram.MapGet("/fields/{field}", ReadFieldAsync).Produces<FieldReadingsResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        telegram.MapPut("/fields/{field}", (string id, string telegram, string field, string? device, FieldValueRequest body, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => body.Value is { } value
                    ? run.WithControl(async (control, _) => await control.SetField(scope, telegram, field, value, device))
                    : Task.FromResult(ControlResult.Invalid("'value' is required"))))
            .RequireControlToken().ProducesAction();
        telegram.MapPost("/fields/{field}/lock", (string id, string telegram, string field, string? device, FieldValueRequest? body, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await control.LockField(scope, telegram, field, body?.Value, device))))
            .RequireControlToken().ProducesAction();
        telegram.MapPost("/fields/{field}/unlock", (string id, string telegram, string field, string? device, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await control.UnlockField(scope, telegram, field, device))))
            .RequireControlToken().ProducesAction();

        var device = app.MapGroup("/api/runs/{id}/devices/{device}").WithTags("telegrams");
        device.MapPost("/silence", (string id, string device, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await control.SilenceDevice(scope, device, true))))
            .RequireControlToken().ProducesAction();
        device.MapPost("/unsilence", (string id, string device, RunRegistry registry, HttpContext http) =>
                RunEndpoints.Act(registry, id, http, (run, scope) => run.WithControl(async (control, _) => await control.SilenceDevice(scope, device, false))))
            .RequireControlToken().ProducesAction();
        return app;
    }

    private static ControlCall Cycle(RunControl control, ControlScope scope, string telegram, string? device, CycleRequest body)
    {
        if ((body.Cycle is null) == (body.Rate is null))
        {
            return ControlCall.Refused(ControlResult.Invalid("give either 'cycle' (a duration such as \"50ms\") or 'rate' (telegrams per second)"));
        }

        if (body.Rate is { } rate)
        {
            return control.SetRate(scope, telegram, rate, device);
        }

        return DurationParser.TryParse(body.Cycle!, out var cycle, out var error)
            ? control.SetCycle(scope, telegram, cycle, device)
            : ControlCall.Refused(ControlResult.Invalid($"'cycle' '{body.Cycle}': {error}"));
    }

    private static async Task<IResult> CountersAsync(string id, string telegram, string? device, RunRegistry registry)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        var status = await run.StatusAsync().ConfigureAwait(false);
        var found = new TelegramCounters();
        var any = false;
        foreach (var group in status.Telegrams)
        {
            if (FaultTargets.NameMatches(group.Name, telegram) && (device is null || group.Device == device))
            {
                found.Add(group.Counters);
                any = true;
            }
        }

        return any
            ? TypedResults.Ok(new TelegramCountersResponse(run.Id, telegram, device, found.Snapshot))
            : Problems.Problem(StatusCodes.Status404NotFound, $"no telegram named '{telegram}'" + (device is null ? string.Empty : $" on device '{device}'") + $" in run {id}");
    }

    private static async Task<IResult> ReadFieldAsync(string id, string telegram, string field, string? device, RunRegistry registry)
    {
        if (registry.Find(id) is not { } run)
        {
            return Problems.UnknownRun(id);
        }

        var read = await run.WithControl((control, _) => control.ReadField(telegram, field, device)).ConfigureAwait(false);
        return read.IsApplied ? TypedResults.Ok(new FieldReadingsResponse(run.Id, read.Value ?? [])) : Problems.From(read.Result);
    }

    /// <summary>Sums counter snapshots of several groups of one name.</summary>
    private sealed class TelegramCounters
    {
        public TelegramCounterSnapshot Snapshot { get; private set; }

        public void Add(TelegramCounterSnapshot c)
        {
            var s = Snapshot;
            Snapshot = new TelegramCounterSnapshot(s.Sent + c.Sent, s.SendFailures + c.SendFailures, s.Struck + c.Struck, s.DroppedCycles + c.DroppedCycles,
                s.Delayed + c.Delayed, s.Received + c.Received, s.Lost + c.Lost, s.Restarts + c.Restarts, s.SequenceJumps + c.SequenceJumps,
                s.Duplicates + c.Duplicates, s.OutOfOrder + c.OutOfOrder, s.Timeouts + c.Timeouts, s.TimedOut || c.TimedOut, s.TopoRejects + c.TopoRejects,
                s.PullRequests + c.PullRequests, s.PullReplies + c.PullReplies, s.PullLateReplies + c.PullLateReplies,
                s.PullUnmatchedReplies + c.PullUnmatchedReplies, s.PullDuplicates + c.PullDuplicates);
        }
    }
}
