using System.CommandLine;
using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl pause|resume|stop|reset &lt;id&gt;</c>: one action on a run; a conflict (pause a stopped run)
/// is exit 2 with the daemon's reason.</summary>
internal static class CtlLifecycleCommand
{
    public static Command Create(string verb, string description)
    {
        var id = CtlCommand.RunId();
        var command = new Command(verb, description) { id };
        command.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, client =>
            CtlCommand.SendAsync(parse, client, HttpMethod.Post, CtlCommand.RunPath(parse, id, $"/{verb}"), null, PrintAction)));
        return command;
    }

    /// <summary>Prints what an action did and the run's state after it.</summary>
    public static int PrintAction(string body)
    {
        var action = JsonSerializer.Deserialize(body, ControlJson.Default.ActionResponse)!;
        Console.WriteLine(action.State.Length > 0 ? $"{action.Message} (run {action.Run}: {action.State})" : action.Message);
        return ExitCodes.Ok;
    }
}
