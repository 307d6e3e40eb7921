using System.CommandLine;
using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl param list|set</c>: scenario parameters of a live run, changed without a restart (scripts
/// read them with <c>run.param(name)</c>).</summary>
internal static class CtlParamCommand
{
    public static Command Create()
    {
        var listId = CtlCommand.RunId();
        var list = new Command("list", "every scenario parameter and its value now") { listId };
        list.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Get,
            CtlCommand.RunPath(parse, listId, "/params"), null, PrintList)));

        var setId = CtlCommand.RunId();
        var values = new Argument<string[]>("name=value") { Description = "new values", Arity = ArgumentArity.OneOrMore };
        var set = new Command("set", "give scenario parameters new values (all or none)") { setId, values };
        set.SetAction((parse, _) =>
        {
            if (CtlCommand.Pairs(parse.GetRequiredValue(values), "name=value") is not { } pairs)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            // Values go as strings: the daemon converts them to each parameter's declared type, as --param does.
            var body = new Dictionary<string, JsonElement>();
            foreach (var (name, value) in pairs)
            {
                body[name] = JsonSerializer.SerializeToElement(value, ControlJson.Default.String);
            }

            return CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Patch,
                CtlCommand.RunPath(parse, setId, "/params"), CtlClient.Json(body, ControlJson.Default.DictionaryStringJsonElement), CtlLifecycleCommand.PrintAction));
        });
        return new Command("param", "list and change scenario parameters of a live run") { list, set };
    }

    private static int PrintList(string body)
    {
        foreach (var p in JsonSerializer.Deserialize(body, ControlJson.Default.ListParameterDto) ?? [])
        {
            Console.WriteLine($"{p.Name} = {p.Value}" + (p.Type.Length > 0 ? $" ({p.Type})" : " (read at plan time only)") + $"  [{p.File}]");
        }

        return ExitCodes.Ok;
    }
}
