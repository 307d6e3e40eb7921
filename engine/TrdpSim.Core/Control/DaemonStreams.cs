using TrdpSim.Control.Security;
using TrdpSim.Hosting.Daemon;

namespace TrdpSim.Control;

/// <summary>The live streams and ingest of <c>trdpsim serve</c>: every daemon run's event bus, found by its id, behind
/// the daemon's bearer token.</summary>
/// <remarks>A stream that names no run (<c>?run=</c>) gets the only live one; with several live, the client must
/// choose and is told which are live (400). An unknown id is a 404, an ended run a 409 (its bus closed with it). A
/// stream ends shortly after its run ends (<see cref="ManagedRun.Ended"/>).</remarks>
internal static class DaemonStreams
{
    /// <summary>The ingest URL's word for "the only live run" (<c>POST /api/runs/current/ingest</c>), as with <c>trdpsim run</c>.</summary>
    public const string Current = "current";

    public static StreamEndpointOptions Options(RunRegistry runs, ControlToken token, DaemonMetrics metrics) => new()
    {
        Runs = id => Find(runs, id),
        Authorize = (_, presented) =>
        {
            if (token.Matches(presented))
            {
                return true;
            }

            metrics.Rejected("unauthorized");
            return false;
        },
    };

    /// <summary>The bus of run <paramref name="id"/> (null or <see cref="Current"/>: the only live run), or why there is none.</summary>
    public static StreamRunLookup Find(RunRegistry runs, string? id)
    {
        if (id is null or Current)
        {
            var live = runs.List().Where(r => r.IsLive).ToList();
            return live.Count switch
            {
                0 => StreamRunLookup.Refused(StatusCodes.Status404NotFound, "no run is live (start one with POST /api/runs)"),
                1 => Live(live[0]),
                _ => StreamRunLookup.Refused(StatusCodes.Status400BadRequest,
                    $"{live.Count} runs are live ({string.Join(", ", live.Select(r => r.Id))}): name one with ?run=<id>"),
            };
        }

        return runs.Find(id) is { } run
            ? Live(run)
            : StreamRunLookup.Refused(StatusCodes.Status404NotFound, $"no run '{id}' (GET /api/runs lists them)");
    }

    private static StreamRunLookup Live(ManagedRun run) => run.Events is { } bus
        ? StreamRunLookup.Found(bus, run.Ended)
        : StreamRunLookup.Refused(StatusCodes.Status409Conflict, $"run {run.Id} is {RunStates.Label(run.State)}: its live stream has ended");
}
