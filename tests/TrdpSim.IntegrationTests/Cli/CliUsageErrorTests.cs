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
        { ["--record-direction", "sent"], ["--record-direction needs --record"] },
        { ["--record", "x.pcapng", "--record-direction", "up"], ["--record-direction", "'up'", "sent, received or both"] },
        { ["--record", "x.pcapng", "--record-filter", "port=17224"], ["--record-filter", "'port=17224'", "unknown key"] },
        { ["--record", "x.pcapng", "--record-filter", "comid=1000", "device=a,"], ["--record-filter", "'device=a,'", "key=value"] },
        { ["--record", "x.pcapng", "--record-rotate", "1KB"], ["--record-rotate", "'1KB'", "64KiB"] },
        // Was written only after the run had played: the run ended with an internal error and its stack trace (exit 3).
        { ["--summary-json", "/nonexistent-trdpsim-folder/summary.json"], ["--summary-json", "cannot write the file", "Could not find a part of the path"] },
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
    [InlineData(new[] { "replay" }, new[] { "replay" })]
    [InlineData(new[] { "replay", "x.pcap", "--speed", "0" }, new[] { "--speed", "'0'", "positive factor" })]
    [InlineData(new[] { "replay", "x.pcap", "--comid-map", "1000" }, new[] { "--comid-map", "'1000'", "comid=comid" })]
    [InlineData(new[] { "replay", "x.pcap", "--address-map", "10.0.0.0/24=127.0.0.0/16" }, new[] { "--address-map", "same prefix length" })]
    public async Task ABadCommandExitsTwoWithAPlainMessage(string[] args, string[] expected) =>
        AssertUsageError(await TrdpSimProcess.RunAsync(args), expected);

    [Theory]
    [InlineData("runs|show|")]
    [InlineData("report|")]
    [InlineData("compare||latest")]
    public async Task AnEmptyRunIdExitsTwoWithAPlainMessage(string commandLine) =>
        // An empty id reached the store as an ArgumentException: "internal error" with its stack trace, exit 3.
        AssertUsageError(await TrdpSimProcess.RunAsync([.. commandLine.Split('|'), "--data-dir", _files.PathOf("store")]), ["no run id given"]);

    [Fact]
    public async Task ServeOnAnAddressThisHostDoesNotHaveExitsTwoWithAPlainMessage() =>
        // 192.0.2.1 (TEST-NET-1) is on no interface here: binding it failed with a SocketException Kestrel does not wrap,
        // which ended as an internal error with its stack trace (exit 3). Nothing is sent.
        AssertUsageError(
            await TrdpSimProcess.RunAsync("serve", "--urls", "http://192.0.2.1:19699", "--no-store", "--token-file", _files.PathOf("token")),
            ["cannot serve on http://192.0.2.1:19699", "Cannot assign requested address"]);

    [Fact]
    public async Task MetricsOnAnAddressThisHostDoesNotHaveExitsTwoWithAPlainMessage()
    {
        // As serve --urls above: a SocketException Kestrel does not wrap ended the run as an internal error (exit 3).
        TrdpSimResult result = await TrdpSimProcess.RunAsync("run", _files.Pair, "--no-progress", "--no-store", "--duration", "1s", "--metrics", "192.0.2.1:19698");
        AssertUsageError(result, ["cannot serve /metrics on 192.0.2.1:19698", "Cannot assign requested address"]);
    }

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
