namespace TrdpSim.Tests.Hosting;

/// <summary>A plan of no device would run its whole duration sending and hearing nothing and pass every threshold —
/// most likely the wrong file. A run (the command line's and the daemon's) refuses it at the file; validating a file of
/// shared parts on its own only warns.</summary>
public sealed class EmptyPlanTests : IDisposable
{
    private readonly DaemonPlanFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ARunOfNoDeviceIsRefusedAtItsFile()
    {
        var file = _files.Write("parts.toml", "[run]\nname = \"parts\"\n\n[[dataset]]\nid = 1000\nname = \"d\"\n  [[dataset.element]]\n  name = \"x\"\n  type = \"UINT32\"\n");

        var loaded = PlanFiles.Load([file], new Dictionary<string, string>(), options: new PlanFileOptions { ForRun = true });

        Assert.Null(loaded.Plan);
        var error = Assert.Single(loaded.Errors);
        Assert.Equal(file, error.Location.File);
        Assert.Equal(1, error.Location.Line);
        Assert.Contains("defines no device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatingAFileOfSharedPartsWarnsOnly()
    {
        var file = _files.Write("parts.toml", "[run]\nname = \"parts\"\n");

        var loaded = PlanFiles.Load([file], new Dictionary<string, string>());

        Assert.NotNull(loaded.Plan);
        Assert.Empty(loaded.Errors);
        Assert.Contains(loaded.Warnings, w => w.Message.Contains("defines no device", StringComparison.Ordinal)
            && w.Message.EndsWith("(run refuses it)", StringComparison.Ordinal));
    }

    [Fact]
    public void APlanWithADeviceRunsAsBefore()
    {
        var loaded = PlanFiles.Load([_files.Pair()], new Dictionary<string, string>(), options: new PlanFileOptions { ForRun = true });

        Assert.NotNull(loaded.Plan);
        Assert.DoesNotContain(loaded.Warnings, w => w.Message.Contains("defines no device", StringComparison.Ordinal));
    }
}
