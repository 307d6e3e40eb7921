using System.Text;
using TrdpSim.Control.Api;
using TrdpSim.Control.Security;
using TrdpSim.Records;
using TrdpSim.Records.Analysis;
using TrdpSim.Records.Reports;

namespace TrdpSim.Control.Endpoints;

/// <summary><c>/api/store/runs</c>: the run store's history over HTTP — list, show, delete an ended run, the HTML report
/// and the interval series of a stored run, and two stored runs compared, as <c>trdpsim runs</c>, <c>trdpsim report</c> and
/// <c>trdpsim compare</c> give them.</summary>
/// <remarks>Every endpoint needs the token: the store holds every past run with its input files. A run is named by its
/// store id (<c>yyyyMMdd-HHmmss-xxxx</c>), the start of one, or <c>latest</c>; none matching is 404. Without a store
/// (<c>serve --no-store</c>, or one that could not be opened) every endpoint answers 503.</remarks>
internal static class StoreEndpoints
{
    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder app, RunStore? store)
    {
        var runs = app.MapGroup("/api/store/runs").WithTags("store").RequireControlToken();
        runs.MapGet(string.Empty, () => With(store, s => TypedResults.Ok(List(s))))
            .Produces<List<StoredRunItem>>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        runs.MapGet("/compare", (string? a, string? b) => With(store, s => Compare(s, a, b)))
            .Produces<StoredComparison>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        runs.MapGet("/{id}", (string id) => With(store, s => TypedResults.Ok(Detail(s.Load(id)))))
            .Produces<StoredRunDetail>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        runs.MapDelete("/{id}", (string id) => With(store, s => Delete(s, id)))
            .Produces<ActionResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        runs.MapGet("/{id}/report", (HttpContext http, string id) => With(store, s => Report(http, s.Load(id))))
            .Produces(StatusCodes.Status200OK, contentType: "text/html").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        runs.MapGet("/{id}/series", (string id, string? format) => With(store, s => Series(s.Load(id), format)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Runs <paramref name="answer"/> over the store; no store is 503, a run that is not there 404.</summary>
    private static IResult With(RunStore? store, Func<RunStore, IResult> answer)
    {
        if (store is null)
        {
            return Problems.Problem(StatusCodes.Status503ServiceUnavailable, "this daemon records no runs (serve --no-store, or its data directory could not be opened)");
        }

        try
        {
            return answer(store);
        }
        catch (RunStoreException e)
        {
            return Problems.Problem(StatusCodes.Status404NotFound, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            return Problems.Problem(StatusCodes.Status503ServiceUnavailable, $"the run store cannot be read: {e.Message}");
        }
    }

    private static List<StoredRunItem> List(RunStore store)
    {
        var list = new List<StoredRunItem>();
        foreach (var run in store.List())
        {
            list.Add(Item(run));
        }

        return list;
    }

    private static StoredRunItem Item(StoredRun run) => new(run.Id, run.Name, RunStates.Label(run.State), run.StartedUtc, run.StoppedUtc, run.StopReason,
        run.Duration.TotalSeconds, run.Intervals, run.Verdict, run.Seed, run.Version);

    private static StoredRunDetail Detail(RunRecord record)
    {
        var inputs = record.Inputs.Select(i => new StoredInputDto(i.Path, i.Sha256, i.Bytes)).ToList();
        var thresholds = record.Thresholds.Select(t => new StoredThresholdDto(t.Text, t.Passed, t.Observed)).ToList();
        var groups = record.Groups.Select(g => g.Label).ToList();
        var events = record.Events.Select(e => new StoredEventDto(e.AtMilliseconds / 1000.0, e.Utc, e.Kind, e.Source, e.Subject, e.Detail)).ToList();
        return new StoredRunDetail(Item(record.Run), record.Run.ScenarioKey, record.Run.Commit, record.CommandLine, inputs, thresholds, groups, events);
    }

    private static IResult Delete(RunStore store, string id)
    {
        var run = store.Resolve(id);
        if (RunStates.IsLive(run.State))
        {
            return Problems.Problem(StatusCodes.Status409Conflict, $"stored run {run.Id} is {RunStates.Label(run.State)}: stop it first");
        }

        // The store refuses a run whose lock a live process holds (RunStoreException): a conflict, not an unknown run.
        try
        {
            store.Delete(run.Id);
        }
        catch (RunStoreException e)
        {
            return Problems.Problem(StatusCodes.Status409Conflict, e.Message);
        }

        return TypedResults.Ok(new ActionResponse(run.Id, run.Id, $"stored run {run.Id} deleted", "deleted"));
    }

    /// <summary>The comparison <c>trdpsim compare a b</c> prints, as JSON: every row with its figures in their unit and as
    /// the text table formats them (NaN and infinities, which JSON has no number for, become null).</summary>
    private static IResult Compare(RunStore store, string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
        {
            return Problems.BadRequest("compare needs two stored runs: ?a=<id>&b=<id>");
        }

        RunComparison comparison = RunComparison.Compare(store.Load(a), store.Load(b));
        var rows = comparison.Rows.Select(r => new StoredComparisonRow(r.Group, r.Metric.Name, r.Metric.Unit, Finite(r.A), Finite(r.B),
            r.Metric.Format(r.A), r.Metric.Format(r.B), Finite(r.RelativeChange), RunReport.Percent(r.RelativeChange), Finite(r.P) ?? 1,
            r.BeyondNoise, ComparisonRules.Label(r.Flag), r.Note)).ToList();
        return TypedResults.Ok(new StoredComparison(Item(comparison.A.Run), Item(comparison.B.Run),
            comparison.A.Run.ScenarioKey == comparison.B.Run.ScenarioKey, ComparisonRules.Label(comparison.Worst), rows,
            ComparisonReport.Text(comparison, all: false)));
    }

    /// <summary>The report page with its own policy (its one script by hash, nothing loaded), for whatever shows it as it
    /// came; the console shows it from a blob: URL, which keeps the console's policy, and that allows the same hash.</summary>
    private static IResult Report(HttpContext http, RunRecord record)
    {
        var html = RunReport.Html(record);
        http.Response.Headers.ContentSecurityPolicy = ReportBundle.ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static IResult Series(RunRecord record, string? format)
    {
        switch (format ?? "json")
        {
            case "json":
                var json = new MemoryStream();
                SeriesExport.WriteJson(json, record);
                return Results.Bytes(json.ToArray(), "application/json");
            case "csv":
                var text = new StringWriter();
                SeriesExport.WriteCsv(text, record);
                return Results.Text(text.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
            default:
                return Problems.BadRequest($"format '{format}': json or csv");
        }
    }
}
