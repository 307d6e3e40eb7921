using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using TrdpSim.Control.Api;

namespace TrdpSim.Cli.Commands.Ctl;

/// <summary><c>trdpsim ctl plugin list|install|validate|delete</c>: the daemon's plugins. A pack is uploaded with the
/// SHA-256 of its <c>.sha256</c> file (or <c>--sha256</c>) and verified by the daemon exactly as <c>plugin install</c> does.</summary>
internal static class CtlPluginCommand
{
    public static Command Create()
    {
        var list = new Command("list", "the daemon's installed plugins");
        list.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Get, "/api/plugins", null, PrintList)));

        var delName = new Argument<string>("name") { Description = "the plugin" };
        var delete = new Command("delete", "delete an installed plugin no live run plays") { delName };
        delete.SetAction((parse, _) => CtlCommand.WithClientAsync(parse, client => CtlCommand.SendAsync(parse, client, HttpMethod.Delete,
            "/api/plugins/" + CtlCommand.Segment(parse.GetRequiredValue(delName)), null, CtlLifecycleCommand.PrintAction)));

        return new Command("plugin", "list, install, validate and delete the daemon's plugins") { list, Upload("install"), Upload("validate"), delete };
    }

    private static Command Upload(string verb)
    {
        var pack = new Argument<string>("pack") { Description = "the pack (<name>-<version>.trdpplugin), a file here" };
        var sha256 = OptionValues.Sha256("expected SHA-256 of the pack [default: the .sha256 file beside the pack]");
        var force = OptionValues.Flag("--force", "replace another installed version of the plugin [default: refuse]");
        var command = new Command(verb, verb == "install" ? "upload a pack and install it on the daemon" : "upload a pack and validate it without installing") { pack, sha256 };
        if (verb == "install")
        {
            command.Options.Add(force);
        }

        command.SetAction((parse, _) =>
        {
            var file = parse.GetRequiredValue(pack);
            var hash = parse.GetValue(sha256) ?? ReadSha256(file + ".sha256");
            if (!File.Exists(file) || hash is null)
            {
                Console.Error.WriteLine(File.Exists(file) ? $"trdpsim ctl: no {file}.sha256 beside the pack: give --sha256" : $"trdpsim ctl: {file}: no such pack");
                return Task.FromResult(ExitCodes.Usage);
            }

            var query = $"?sha256={hash}" + (verb == "install" && parse.GetValue(force) ? "&force=true" : string.Empty);
            var path = (verb == "install" ? "/api/plugins" : "/api/plugins/validate") + query;
            return CtlCommand.WithClientAsync(parse, async client =>
            {
                using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file).ConfigureAwait(false));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                return await CtlCommand.SendAsync(parse, client, HttpMethod.Post, path, content, verb == "install" ? PrintInstalled : PrintValidated).ConfigureAwait(false);
            });
        });
        return command;
    }

    /// <summary>The hash of a <c>sha256sum</c> line (<c>hex  name</c>), or null.</summary>
    private static string? ReadSha256(string path) => File.Exists(path) ? File.ReadAllText(path).Split(' ', 2)[0].Trim() : null;

    private static int PrintList(string body)
    {
        foreach (var line in ListLines(JsonSerializer.Deserialize(body, ControlJson.Default.ListPluginDto) ?? []))
        {
            Console.WriteLine(line);
        }

        return ExitCodes.Ok;
    }

    /// <summary>One line per plugin, then one indented line per parameter it declares, as <c>--param</c> takes it
    /// (<c>name=default</c>), with its type and description: what <c>ctl start</c> of the pack can change.</summary>
    internal static IEnumerable<string> ListLines(IReadOnlyList<PluginDto> plugins)
    {
        if (plugins.Count == 0)
        {
            yield return "no plugins";
        }

        foreach (var p in plugins)
        {
            yield return p.Name is null ? $"{p.Folder}  invalid: {p.Problem}" : $"{p.Name}  {p.Version}  api {p.ApiVersion}  {p.Description}";
            foreach (var parameter in p.Parameters ?? [])
            {
                var description = parameter.Description.Length > 0 ? "  " + parameter.Description : string.Empty;
                yield return $"    --param {parameter.Name}={parameter.Default}  ({parameter.Type}){description}";
            }
        }
    }

    private static int PrintInstalled(string body)
    {
        var r = JsonSerializer.Deserialize(body, ControlJson.Default.PluginInstallResponse)!;
        Console.WriteLine($"{r.Outcome} {r.Name} {r.Version} (api {r.ApiVersion}) in {r.Directory}" + (r.PreviousVersion is { } p ? $", replacing {p}" : string.Empty));
        return ExitCodes.Ok;
    }

    private static int PrintValidated(string body)
    {
        var r = JsonSerializer.Deserialize(body, ControlJson.Default.PluginValidationResponse)!;
        Console.WriteLine($"{r.Name} {r.Version} (api {r.ApiVersion}): ok — sha256 {r.Sha256}");
        return ExitCodes.Ok;
    }
}
