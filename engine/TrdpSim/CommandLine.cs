using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using TrdpSim.Cli.Commands;
using TrdpSim.Cli.Commands.Ctl;

namespace TrdpSim.Cli;

/// <summary>The <c>trdpsim</c> command tree (System.CommandLine, one file per verb in Commands/) and how a
/// command line becomes an exit code.</summary>
/// <remarks>
/// The library gives help (<c>-h</c>, <c>--help</c> on every verb), typo suggestions, response files and
/// completions (the <c>[suggest]</c> directive behind <c>dotnet-suggest</c>). Two things are ours: a bad
/// command line exits 2 (the library says 1, which trdpsim uses for failed thresholds) with the error and
/// suggestions but not the whole help; and signals are left to <c>run</c>, which stops cleanly and says so.
/// </remarks>
internal static class CommandLine
{
    private const string Description = """
        trdpsim simulates TRDP (IEC 61375-2-3) end devices for soak and performance tests.

        exit codes: 0 ok, 1 thresholds failed, 2 usage or configuration error, 3 runtime error,
        130 / 143 run interrupted by SIGINT / SIGTERM
        """;

    public static RootCommand Build()
    {
        var root = new RootCommand(Description)
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            ReplayCommand.Create(),
            ImportCommand.Create(),
            PluginCommand.Create(),
            ServeCommand.Create(),
            CtlCommand.Create(),
            RunsCommand.Create(),
            ReportCommand.Create(),
            CompareCommand.Create(),
            VersionCommand.Create(),
        };
        VersionCommand.Use(root);

        // No verb: the help, as a usage error (nothing was asked for).
        root.SetAction(parse =>
        {
            new HelpAction().Invoke(parse);
            return ExitCodes.Usage;
        });
        return root;
    }

    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the process exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        ParseResult parse = Build().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return ReportUsageError(parse);
        }

        // ProcessTerminationTimeout = null: the library would cancel the verb on SIGINT/SIGTERM and exit
        // after a grace period; `run` handles both signals itself to print the summary and the stop reason.
        // No default exception handler: it would exit 1, which means "thresholds failed" here.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Bad input never gets here (the verbs report it); this is a bug: say so, keep the trace for the report.
            Console.Error.WriteLine($"trdpsim: internal error: {e}");
            return ExitCodes.RuntimeError;
        }
    }

    /// <summary>Prints the parse errors and the library's typo suggestions, without the whole help; exit code 2.</summary>
    private static int ReportUsageError(ParseResult parse)
    {
        ((ParseErrorAction)parse.Action!).ShowHelp = false;
        using var text = new StringWriter();
        parse.Invoke(new InvocationConfiguration { Output = text, Error = text });
        foreach (string line in text.ToString().TrimEnd().Split('\n'))
        {
            // The plan files stop at a word that looks like an option (PlanInputs.Files); the library then also
            // reports the files it did take as "cannot parse", which is not true and is left out.
            if (!(line.StartsWith("Cannot parse argument '", StringComparison.Ordinal) && line.Contains("as expected type 'System.String[]'", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine(line.TrimEnd('\r'));
            }
        }

        return ExitCodes.Usage;
    }
}
