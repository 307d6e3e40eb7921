namespace TrdpSim.IntegrationTests.Cli;

/// <summary>A bad command line ends with exit code 2 and one plain message that names the option and what it
/// expects: never an exception text, a stack trace or another exit code. Nothing runs.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class CliUsageErrorTests : IDisposable
{
    private readonly CliFiles _files = new();

    public static TheoryData<string[], string[]> BadRunOptions => new()
    {
        { ["--metrics", "foo"], ["--metrics", "'foo'", "ip:port", "off"] },
        { ["--metrics", "127.0.0.1:99999"], ["--metrics", "ip:port"] },
        { ["--duration", "-5s"], ["--duration", "'-5s'", "positive"] },
        { ["--duration", "0"], ["--duration", "positive"] },
        { ["--duration", "10"], ["--duration", "unit"] },
        { ["--seed", "abc"], ["--seed", "'abc'", "whole number"] },
        { ["--seed", "-1"], ["--seed", "whole number"] },
        { ["--warmup", "soon"], ["--warmup", "'soon'", "duration"] },
        { ["--warmup", "-1s"], ["--warmup", "negative"] },
        { ["--param", "novalue"], ["--param", "'novalue'", "name=value"] },
        { ["--summary-json"], ["--summary-json"] },
        { ["--durtion", "5s"], ["--durtion", "--duration"] },
    };

    [Theory]
    [MemberData(nameof(BadRunOptions))]
    public async Task ABadRunOptionExitsTwoWithAPlainMessage(string[] options, string[] expected)
    {
        TrdpSimResult result = await TrdpSimProcess.RunAsync(["run", _files.Pair, "--no-progress", .. options]);
        AssertUsageError(result, expected);
        Assert.DoesNotContain("trdpsim summary", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, new[] { "frobnicate" })]
    [InlineData(new[] { "run" }, new[] { "run" })]
    [InlineData(new[] { "validate" }, new[] { "validate" })]
    [InlineData(new[] { "plugin", "install", "x.trdpplugin", "--sha256", "zz" }, new[] { "--sha256", "'zz'", "64 hex" })]
    [InlineData(new[] { "plugin", "frob" }, new[] { "frob" })]
    public async Task ABadCommandExitsTwoWithAPlainMessage(string[] args, string[] expected) =>
        AssertUsageError(await TrdpSimProcess.RunAsync(args), expected);

    [Fact]
    public async Task ValidateRefusesAMalformedParamAsAUsageError() =>
        AssertUsageError(await TrdpSimProcess.RunAsync("validate", _files.Pair, "--param", "=1"), ["--param", "name=value"]);

    public void Dispose() => _files.Dispose();

    private static void AssertUsageError(TrdpSimResult result, string[] expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        foreach (string text in expected)
        {
            Assert.True(result.Stderr.Contains(text, StringComparison.Ordinal), $"stderr lacks \"{text}\"\n{result}");
        }

        foreach (string leak in new[] { "(Parameter '", "Exception", "   at " })
        {
            Assert.False(result.Stderr.Contains(leak, StringComparison.Ordinal), $"stderr shows \"{leak}\"\n{result}");
        }
    }
}
