using System.Text.RegularExpressions;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary><c>--help</c> of every verb names every option with its default and exits 0; <c>--version</c> names
/// the version and the commit the binary was built from.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed partial class CliHelpTests
{
    public static TheoryData<string[], string[]> Verbs => new()
    {
        { ["run"], ["--param", "--duration", "--seed", "--metrics", "--summary-json", "--warmup", "--no-progress"] },
        { ["validate"], ["--param"] },
        { ["plugin", "validate"], ["--param", "--sha256"] },
        { ["plugin", "pack"], ["--out"] },
        { ["plugin", "install"], ["--dir", "--force", "--sha256"] },
        { ["plugin", "list"], ["--dir"] },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task EveryVerbsHelpListsItsOptionsWithDefaultsAndExitsZero(string[] verb, string[] options)
    {
        TrdpSimResult result = await TrdpSimProcess.RunAsync([.. verb, "--help"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string option in options)
        {
            Assert.True(result.Stdout.Contains(option, StringComparison.Ordinal), $"help lacks {option}\n{result}");
        }

        int defaults = Regex.Count(result.Stdout, @"\bdefault\b", RegexOptions.IgnoreCase);
        Assert.True(defaults >= options.Length, $"{options.Length} options but {defaults} defaults described\n{result}");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task TopLevelHelpListsTheVerbs(string flag)
    {
        TrdpSimResult result = await TrdpSimProcess.RunAsync(flag);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string verb in new[] { "run", "validate", "plugin", "version" })
        {
            Assert.Contains(verb, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public async Task VersionNamesTheCommit(string arg)
    {
        TrdpSimResult result = await TrdpSimProcess.RunAsync(arg);
        Assert.True(result.ExitCode == 0, result.ToString());
        Match match = VersionLine().Match(result.Stdout.Trim());
        Assert.True(match.Success, result.ToString());

        // Built inside a git checkout (as here and in CI), the commit is known; "unknown" is for builds without .git.
        if (RepositoryRoot.Find() is { } root && Path.Exists(Path.Combine(root, ".git")))
        {
            Assert.Matches("^[0-9a-f]{7,40}$", match.Groups["commit"].Value);
        }
    }

    [GeneratedRegex(@"^trdpsim (?<version>\d+\.\d+\.\d+\S*) \(commit (?<commit>[0-9a-f]{7,40}|unknown)\)$")]
    private static partial Regex VersionLine();
}
