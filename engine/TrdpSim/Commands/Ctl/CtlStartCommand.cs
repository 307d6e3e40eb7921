using System.CommandLine;
using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl start &lt;files&gt;</c>: starts a run on the daemon (the files are paths on the daemon's host)
/// and prints its id; with <c>--wait</c>, waits for its end and exits as <c>trdpsim run</c> would (0 or 1).</summary>
internal static class CtlStartCommand
{
    public static Command Create()
    {
        var files = PlanInputs.Files();
        var parameters = PlanInputs.Parameters();
        var duration = OptionValues.Path("--duration", "duration", "stop after this long [default: the plan's run duration, else until stopped]");
        var seed = OptionValues.UnsignedInteger("--seed", "seed for every generator and fault model [default: the plan's]");
        var wait = OptionValues.Flag("--wait", "wait for the run's end and exit 1 if it failed [default: print the id and return]");
        var command = new Command("start", "start a run on the daemon from plan files on its host; prints the run's id") { files, parameters, duration, seed, wait };
        command.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, async client =>
        {
            var request = new StartRunRequest
            {
                Files = [.. parse.GetRequiredValue(files).Select(Path.GetFullPath)],
                Duration = parse.GetValue(duration),
                Seed = parse.GetValue(seed),
                Params = PlanInputs.Values(parse, parameters).ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, ControlJson.Default.String)),
            };
            string? id = null;
            var code = await CtlCommand.SendAsync(parse, client, HttpMethod.Post, "/api/runs", CtlClient.Json(request, ControlJson.Default.StartRunRequest), body =>
            {
                id = JsonSerializer.Deserialize(body, ControlJson.Default.CreatedRunResponse)?.Id;
                Console.WriteLine(id);
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
            if (code != ExitCodes.Ok || !parse.GetValue(wait))
            {
                return code;
            }

            id ??= JsonSerializer.Deserialize((await client.SendAsync(HttpMethod.Get, "/api/runs").ConfigureAwait(false)).Body, ControlJson.Default.ListRunListItem)?[^1].Id;
            return await WaitAsync(client, id!).ConfigureAwait(false);
        }, Timeout.InfiniteTimeSpan));
        return command;
    }

    /// <summary>Polls the run until it has ended; its state gives the exit code.</summary>
    private static async Task<int> WaitAsync(CtlClient client, string id)
    {
        while (true)
        {
            var (status, body) = await client.SendAsync(HttpMethod.Get, "/api/runs/" + CtlCommand.Segment(id)).ConfigureAwait(false);
            if (!CtlCommand.Ok(status))
            {
                return CtlClient.Fail(status, body);
            }

            var run = JsonSerializer.Deserialize(body, ControlJson.Default.RunDetailResponse)!;
            if (run.Outcome is not null)
            {
                Console.WriteLine($"run {id}: {run.State} ({run.Outcome.StopReason})");
                return CtlStatusCommand.ExitCodeFor(run.State);
            }

            await Task.Delay(250).ConfigureAwait(false);
        }
    }
}
