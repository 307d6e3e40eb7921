using System.CommandLine;
using System.CommandLine.Help;
using TrdpSim.Cli;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary>Rules every verb of the command tree keeps, including verbs added later.</summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void EveryOptionOfEveryVerbStatesItsDefault()
    {
        var missing = new List<string>();
        foreach ((string path, Command command) in Walk("trdpsim", CommandLine.Build()))
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"{path} has no description");
            foreach (Option option in command.Options)
            {
                bool libraryOwn = option is HelpOption or VersionOption;
                if (!libraryOwn && !option.HasDefaultValue && option.Description?.Contains("[default: ", StringComparison.Ordinal) != true)
                {
                    missing.Add($"{path} {option.Name}");
                }
            }
        }

        Assert.Empty(missing);
    }

    private static IEnumerable<(string Path, Command Command)> Walk(string path, Command command)
    {
        yield return (path, command);
        foreach (Command sub in command.Subcommands)
        {
            foreach (var inner in Walk(path + " " + sub.Name, sub))
            {
                yield return inner;
            }
        }
    }
}
