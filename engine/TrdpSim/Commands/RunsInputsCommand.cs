using System.CommandLine;
using TrdpSim.Records;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim runs inputs &lt;run&gt; [-o &lt;folder&gt;]</c>: writes the input files a run played, byte for
/// byte as stored, so it can be played again exactly.</summary>
internal static class RunsInputsCommand
{
    public static Command Create()
    {
        var run = RunsCommand.RunArgument();
        var output = new Option<string?>("--output", "-o") { Description = "the folder to write the files into, created if needed [default: inputs-<run-id> in the current folder]", HelpName = "folder" };
        var dataDirectory = StoreOptions.DataDirectory();
        var command = new Command("inputs", "write a run's input files (as they were when it played) into a folder") { run, output, dataDirectory };
        command.SetAction(parse => RunsCommand.With(parse.GetValue(dataDirectory), store => Execute(store, parse.GetRequiredValue(run), parse.GetValue(output))));
        return command;
    }

    private static int Execute(RunStore store, string id, string? given)
    {
        StoredRun run = store.Resolve(id);
        string folder = given ?? $"inputs-{run.Id}";
        Directory.CreateDirectory(folder);
        var used = new HashSet<string>(StringComparer.Ordinal);
        int missing = 0;
        foreach ((string path, string? _, byte[]? content) in store.Inputs(run.Id))
        {
            string name = Path.GetFileName(path);
            for (int n = 2; !used.Add(name); n++)
            {
                name = $"{Path.GetFileNameWithoutExtension(path)}-{n}{Path.GetExtension(path)}";
            }

            if (content is null)
            {
                Console.Error.WriteLine($"trdpsim: {path}: its content was not readable when the run started; not written");
                missing++;
                continue;
            }

            string target = Path.Combine(folder, name);
            File.WriteAllBytes(target, content);
            Console.WriteLine($"{path} -> {target}");
        }

        return missing > 0 ? ExitCodes.RuntimeError : ExitCodes.Ok;
    }
}
