using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary>A wheel woken by MD traffic is not stalled: <c>trdpsim run configs/md.toml</c> used to report ~30 stalls of
/// the wheel a second, each as long as the sleep it was woken from, and set apart the MD timeouts and round trips inside
/// them as self-inflicted — among them the flaky replier's late replies, which are the device's.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class WakeStallCommandTests : IDisposable
{
    private readonly CliFiles _files = new();

    [Fact]
    public async Task TheMdExampleRunsWithoutAStallPerWakeOfTheWheel()
    {
        var json = _files.PathOf("md.json");
        var run = await TrdpSimProcess.RunAsync("run", MdExample(), "--duration", "3s", "--no-progress", "--metrics", "off", "--summary-json", json);
        Assert.True(run.ExitCode == 0, run.ToString());

        using var summary = JsonDocument.Parse(File.ReadAllBytes(json));
        var wheel = summary.RootElement.GetProperty("ownStalls").GetProperty("bySource").GetProperty("wheel");
        // Before: 75-101 wheel stalls in 3 s, one per wake the wheel answered at once. A loaded host's real stalls are
        // a handful.
        Assert.True(wheel.GetProperty("count").GetInt64() <= 30, $"wheel stalls: {wheel}");
    }

    public void Dispose() => _files.Dispose();

    private static string MdExample() => RepositoryRoot.Of("configs", "md.toml");
}
