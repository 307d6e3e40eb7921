using System.CommandLine;
using TrdpSim.Records;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim runs list|show|delete|baseline|inputs</c>: the runs in the run store (README, "Run store").
/// One file per sub-verb.</summary>
/// <remarks>Exit codes: 0 done, 2 no such run (or a live one to delete), 3 the store cannot be read or written.</remarks>
internal static class RunsCommand
{
    public static Command Create() => new("runs", "the runs recorded in the run store: list, show, delete, mark a baseline, take out the inputs")
    {
        RunsListCommand.Create(),
        RunsShowCommand.Create(),
        RunsDeleteCommand.Create(),
        RunsBaselineCommand.Create(),
        RunsInputsCommand.Create(),
    };

    /// <summary>The run argument: an id, the start of one, or <c>latest</c>.</summary>
    public static Argument<string> RunArgument(string name = "run-id") => new(name)
    {
        Description = "a run id (or the start of one that names only it), or 'latest'",
    };

    /// <summary>A command on one stored run and nothing else: the run argument and <c>--data-dir</c>, then
    /// <paramref name="action"/> with the opened store and the run as given.</summary>
    public static Command OnOneRun(string name, string description, Func<RunStore, string, int> action)
    {
        var run = RunArgument();
        var dataDirectory = StoreOptions.DataDirectory();
        var command = new Command(name, description) { run, dataDirectory };
        command.SetAction(parse => With(parse.GetValue(dataDirectory), store => action(store, parse.GetRequiredValue(run))));
        return command;
    }

    /// <summary>Opens the store and runs <paramref name="action"/> over it (guarded: see <see cref="StoreOptions.Guard"/>).</summary>
    public static int With(string? dataDirectory, Func<RunStore, int> action) => StoreOptions.Guard(() =>
        StoreOptions.Open(dataDirectory) is { } store ? action(store) : ExitCodes.Usage);
}
