using System.CommandLine;
using System.CommandLine.Invocation;
using TrdpSim.Reporting;

namespace TrdpSim.Cli.Commands;

/// <summary><c>trdpsim version</c> and <c>trdpsim --version</c>: the version and the commit the binary was built from.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "print the version and the commit it was built from");
        command.SetAction(parse => Print(parse));
        return command;
    }

    /// <summary>Replaces the library's <c>--version</c> output (the assembly version alone) with ours.</summary>
    public static void Use(RootCommand root)
    {
        foreach (Option option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintAction();
            }
        }
    }

    private static int Print(ParseResult parse)
    {
        parse.InvocationConfiguration.Output.WriteLine(BuildInfo.Describe());
        return ExitCodes.Ok;
    }

    private sealed class PrintAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) => Print(parseResult);
    }
}
