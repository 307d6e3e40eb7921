using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl status [id]</c>: every run in one line each, or one run in full; exit 1 when that run
/// failed or was aborted.</summary>
internal static class CtlStatusCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "the run [default: list every run]", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "list the runs, or show one: state, counters, faults, scenarios, recent control actions; exit 1 if it failed") { id };
        command.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, client => parse.GetValue(id) is { } run
            ? CtlCommand.SendAsync(parse, client, HttpMethod.Get, "/api/runs/" + CtlCommand.Segment(run), null, Print)
            : CtlCommand.SendAsync(parse, client, HttpMethod.Get, "/api/runs", null, PrintList)));
        return command;
    }

    /// <summary>The exit code for a run in <paramref name="state"/>: 1 when it failed or was aborted.</summary>
    public static int ExitCodeFor(string state) => state is "failed" or "aborted" ? ExitCodes.ThresholdsFailed : ExitCodes.Ok;

    private static int PrintList(string body)
    {
        var runs = JsonSerializer.Deserialize(body, ControlJson.Default.ListRunListItem) ?? [];
        if (runs.Count == 0)
        {
            Console.WriteLine("no runs");
            return ExitCodes.Ok;
        }

        Console.WriteLine($"{"ID",-6} {"STATE",-10} {"ELAPSED",9}  NAME");
        foreach (var run in runs)
        {
            Console.WriteLine($"{run.Id,-6} {run.State,-10} {Seconds(run.ElapsedSeconds),9}  {run.Name}");
        }

        return ExitCodes.Ok;
    }

    private static int Print(string body)
    {
        var run = JsonSerializer.Deserialize(body, ControlJson.Default.RunDetailResponse)!;
        Console.WriteLine($"run {run.Id} ({run.Name}): {run.State}, {Seconds(run.ElapsedSeconds)}" +
            (run.DurationSeconds is { } d ? $" of {Seconds(d)}" : " (until stopped)") + $", seed {run.Seed}");
        Console.WriteLine($"  files: {string.Join(" + ", run.Files)}");
        var t = run.Totals;
        Console.WriteLine($"  totals: sent {t.Sent}, received {t.Received}, lost {t.Lost}, struck {t.Struck}, timeouts {t.Timeouts}");
        foreach (var telegram in run.Telegrams)
        {
            var c = telegram.Counters;
            Console.WriteLine($"  {telegram.Device}/{telegram.Name} ({telegram.Role}, ComId {telegram.ComId}, {telegram.Instances}×): " +
                $"sent {c.Sent}, received {c.Received}, lost {c.Lost}, struck {c.Struck}");
        }

        foreach (var fault in run.Faults)
        {
            Console.WriteLine($"  fault {fault.Name}: {fault.Kind} on {fault.Target}, intensity {fault.Intensity.ToString("0.##", CultureInfo.InvariantCulture)}, {fault.Strikes} strikes");
        }

        foreach (var scenario in run.Scenarios)
        {
            Console.WriteLine($"  scenario {scenario.Name}: {scenario.State}" + (scenario.Phase is { } p ? $", phase {p}" : string.Empty) +
                (scenario.Error is { } e ? $" — {e}" : string.Empty));
        }

        foreach (var e in run.Audit)
        {
            Console.WriteLine($"  {e.Utc:HH:mm:ss.fff} {e.Actor}: {(e.Undo ? "undo " : string.Empty)}{e.Action} {e.Target}" + (e.Detail.Length > 0 ? $" ({e.Detail})" : string.Empty));
        }

        if (run.Outcome is { } outcome)
        {
            Console.WriteLine($"  ended: {outcome.StopReason}; thresholds {(outcome.ThresholdsPassed ? "passed" : "failed")}");
            foreach (var failed in outcome.FailedThresholds)
            {
                Console.WriteLine($"    failed: {failed}");
            }

            foreach (var error in outcome.ScenarioErrors)
            {
                Console.WriteLine($"    scenario error: {error}");
            }
        }

        return ExitCodeFor(run.State);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
