namespace TrdpSim.IntegrationTests.Cli;

/// <summary><c>trdpsim run</c> settles the heap once the run is built, before its first tick, and says so at debug
/// level with the pause and what was kept (a collection in a child process: it pauses no other test).</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class HeapSettleCliTests : IDisposable
{
    private readonly CliFiles _files = new();

    [Fact]
    public async Task ARunCollectsOnceBeforeItsFirstTickAndLogsIt()
    {
        TrdpSimResult result = await TrdpSimProcess.RunAsync("run", _files.Pair, "--duration", "1s", "--no-progress", "--metrics", "off", "--no-store", "--log-level", "debug");
        Assert.True(result.ExitCode == 0, result.ToString());
        string settled = Assert.Single(result.Stderr.Split('\n'), line => line.Contains("heap settled before the first tick", StringComparison.Ordinal));
        Assert.Matches(@"a full collection of \d+\.\d ms, \d+\.\d MiB kept", settled);
        int started = result.Stderr.IndexOf("engine started", StringComparison.Ordinal);
        Assert.True(started > result.Stderr.IndexOf(settled, StringComparison.Ordinal), "the collection came after the engine started:\n" + result.Stderr);
    }

    public void Dispose() => _files.Dispose();
}
