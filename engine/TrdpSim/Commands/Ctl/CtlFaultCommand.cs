using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl fault inject|repair|list</c>: faults on a live run. <c>inject</c> takes the keys of a TOML
/// <c>[[fault]]</c> as <c>key=value</c> words (<c>kind=loss device=A probability=0.5 duration=2s</c>).</summary>
internal static class CtlFaultCommand
{
    public static Command Create()
    {
        var id = CtlCommand.RunId();
        var keys = new Argument<string[]>("key=value") { Description = "the fault's keys, as in a [[fault]] table (kind=loss device=A …)", Arity = ArgumentArity.OneOrMore };
        var inject = new Command("inject", "inject a fault: the keys of a [[fault]] table as key=value") { id, keys };
        inject.SetAction((parse, _) =>
        {
            if (CtlCommand.Pairs(parse.GetRequiredValue(keys), "key=value") is not { } pairs)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            return CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Post,
                CtlCommand.RunPath(parse, id, "/faults"), CtlClient.JsonObject(pairs), CtlLifecycleCommand.PrintAction));
        });

        var repairId = CtlCommand.RunId();
        var name = new Argument<string>("name") { Description = "the fault's name (ctl fault list)" };
        var repair = new Command("repair", "take an active fault off") { repairId, name };
        repair.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Delete,
            CtlCommand.RunPath(parse, repairId, $"/faults/{CtlCommand.Segment(parse.GetRequiredValue(name))}"), null, CtlLifecycleCommand.PrintAction)));

        var listId = CtlCommand.RunId();
        var list = new Command("list", "the faults attached now") { listId };
        list.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Get,
            CtlCommand.RunPath(parse, listId, "/faults"), null, PrintList)));

        return new Command("fault", "inject, repair and list faults of a live run") { inject, repair, list };
    }

    private static int PrintList(string body)
    {
        var faults = JsonSerializer.Deserialize(body, ControlJson.Default.ListFaultStatus) ?? [];
        if (faults.Count == 0)
        {
            Console.WriteLine("no active fault");
        }

        foreach (var f in faults)
        {
            Console.WriteLine($"{f.Name}: {f.Kind} on {f.Target}, intensity {f.Intensity.ToString("0.##", CultureInfo.InvariantCulture)}, {f.Strikes} strikes, {f.TargetCount} target(s)");
        }

        return ExitCodes.Ok;
    }
}
