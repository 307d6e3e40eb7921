using System.CommandLine;
using TrdpSim.Records;

namespace TrdpSim.Cli.Commands;

/// <summary>The options every verb that uses the run store shares, and how a verb opens it.</summary>
internal static class StoreOptions
{
    /// <summary><c>--data-dir</c>: where the run store lives.</summary>
    public static Option<string?> DataDirectory() => OptionValues.Path(
        "--data-dir",
        "folder",
        $"the run store's folder (file {RunStoreLocation.FileName}) [default: {RunStoreLocation.DefaultText}]");

    /// <summary>Opens the store; prints the problem and returns null when it cannot be used.</summary>
    public static RunStore? Open(string? given)
    {
        string? directory = RunStoreLocation.Resolve(given);
        if (directory is null)
        {
            Console.Error.WriteLine($"trdpsim: no data directory: set ${RunStoreLocation.EnvironmentVariable} or HOME, or pass --data-dir <folder>");
            return null;
        }

        try
        {
            RunStore store = RunStore.Open(directory);
            foreach (string id in store.Recovered)
            {
                Console.Error.WriteLine($"trdpsim: run {id} was left running by a process that is gone: marked crashed at its last checkpoint");
            }

            return store;
        }
        catch (RunStoreException e)
        {
            Console.Error.WriteLine($"trdpsim: {e.Message}");
            return null;
        }
    }

    /// <summary>Runs a verb over the store: a missing run is a usage error (2), a failing store a runtime error (3).</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (RunStoreException e)
        {
            Console.Error.WriteLine("trdpsim: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"trdpsim: {e.Message}");
            return ExitCodes.RuntimeError;
        }
    }
}
