using System.CommandLine;
using System.Globalization;
using TrdpSim.Records;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim runs show &lt;run&gt;</c>: one run's manifest, verdict, groups and events at a glance
/// (the figures over time are in <c>trdpsim report</c>).</summary>
internal static class RunsShowCommand
{
    public static Command Create() =>
        RunsCommand.OnOneRun("show", "one stored run: manifest, state, verdict, thresholds, groups, events", Execute);

    private static int Execute(RunStore store, string id)
    {
        RunRecord record = store.Load(id);
        StoredRun run = record.Run;
        Console.WriteLine($"run        {run.Id}");
        Console.WriteLine($"plan       {run.Name} (scenario {run.ScenarioKey})");
        string state = RunStates.Label(run.State);
        Console.WriteLine($"state      {state}{(run.StopReason is { } r && r != state ? $" — {r}" : "")}");
        Console.WriteLine($"verdict    {run.Verdict ?? "-"}");
        Console.WriteLine($"started    {Utc(run.StartedUtc)}");
        Console.WriteLine($"{(run.State == RunState.Crashed ? "checkpoint" : "stopped   ")} {Utc(run.StoppedUtc)}");
        Console.WriteLine(FormattableString.Invariant($"played     {run.Duration.TotalSeconds:0.###} s in {run.Intervals} interval(s) of {run.IntervalMilliseconds / 1000.0:0.###} s"));
        Console.WriteLine($"seed       {run.Seed}");
        Console.WriteLine($"trdpsim    {run.Version} ({run.Commit})");
        Console.WriteLine($"command    trdpsim {string.Join(' ', record.CommandLine)}");
        foreach ((string path, string? sha, long bytes) in record.Inputs)
        {
            Console.WriteLine($"input      {path} ({bytes} bytes, sha256 {sha ?? "unreadable"})");
        }

        foreach (StoredThreshold threshold in record.Thresholds)
        {
            string outcome = threshold.Passed is null ? "?" : threshold.Passed.Value ? "passed" : "FAILED";
            Console.WriteLine($"threshold  {outcome,-6} {threshold.Text}{(threshold.Observed is { } o ? $" (observed {o})" : "")}");
        }

        Console.WriteLine($"groups     {record.Groups.Count}");
        foreach (StoredGroup group in record.Groups)
        {
            Console.WriteLine($"  {group.Index,3}  {group.Label}  ComId {group.ComId}{(group.Instances > 1 ? $" ×{group.Instances}" : "")}");
        }

        Console.WriteLine($"events     {record.Events.Count}");
        foreach (StoredEvent e in record.Events.Take(20))
        {
            Console.WriteLine(FormattableString.Invariant($"  {e.AtMilliseconds / 1000.0,9:0.000} s  {e.Kind,-18} {e.Subject}: {e.Detail} ({e.Source})"));
        }

        if (record.Events.Count > 20)
        {
            Console.WriteLine($"  … {record.Events.Count - 20} more (trdpsim report {run.Id})");
        }

        return ExitCodes.Ok;
    }

    private static string Utc(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) ?? "-";
}
