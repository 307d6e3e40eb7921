using System.Diagnostics;
using System.Globalization;
using TrdpSim.Records;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary>Every run leaves a record in the run store as it plays: it can be listed, shown, reported, compared and
/// deleted from the command line, and a run killed with SIGKILL is found crashed at the next start-up with every
/// interval but the one being measured.</summary>
[Collection(ChildProcessCollection.Name)]
public sealed class RunStoreCliTests : IDisposable
{
    private readonly CliFiles _files = new();

    private string Store => Path.Combine(_files.Directory, "store");

    [Fact]
    public async Task ARunIsRecordedListedReportedComparedAndDeleted()
    {
        TrdpSimResult played = await TrdpSimProcess.RunAsync("run", _files.Pair, "--duration", "3s", "--interval", "1s", "--no-progress", "--metrics", "off", "--data-dir", Store);
        Assert.True(played.ExitCode == 0, played.ToString());
        Assert.Contains("recorded (trdpsim report ", played.Stderr, StringComparison.Ordinal);

        StoredRun run = Assert.Single(RunStore.Open(Store).List());
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal("passed", run.Verdict);
        Assert.InRange(run.Intervals, 3, 5);

        TrdpSimResult list = await TrdpSimProcess.RunAsync("runs", "list", "--data-dir", Store);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(run.Id, list.Stdout, StringComparison.Ordinal);
        Assert.Contains("completed", list.Stdout, StringComparison.Ordinal);

        string html = _files.PathOf("report.html");
        TrdpSimResult report = await TrdpSimProcess.RunAsync("report", "--data-dir", Store, "--latest", "-o", html);
        Assert.True(report.ExitCode == 0, report.ToString());
        string page = File.ReadAllText(html);
        Assert.Contains("<script type=\"application/json\" id=\"run-data\">", page, StringComparison.Ordinal);
        Assert.Contains("a/out (publish)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);

        string csv = _files.PathOf("series.csv");
        TrdpSimResult export = await TrdpSimProcess.RunAsync("report", run.Id[..10], "--data-dir", Store, "--format", "csv", "-o", csv);
        Assert.True(export.ExitCode == 0, export.ToString());
        string[] lines = File.ReadAllLines(csv);
        Assert.StartsWith("run_id,group,kind,device,name,com_id,seq,end_ms,sent,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + (2 * run.Intervals), lines.Length); // two groups, one row each per interval

        TrdpSimResult same = await TrdpSimProcess.RunAsync("compare", run.Id, run.Id, "--data-dir", Store);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("verdict on B: normal", same.Stdout, StringComparison.Ordinal);

        TrdpSimResult noBaseline = await TrdpSimProcess.RunAsync("compare", "--baseline", "--data-dir", Store);
        Assert.True(noBaseline.ExitCode == 2, noBaseline.ToString());
        Assert.Contains("no baseline for scenario", noBaseline.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await TrdpSimProcess.RunAsync("runs", "baseline", run.Id, "--data-dir", Store)).ExitCode);
        TrdpSimResult judged = await TrdpSimProcess.RunAsync("compare", "--baseline", "--data-dir", Store);
        Assert.True(judged.ExitCode == 0, judged.ToString());

        TrdpSimResult inputs = await TrdpSimProcess.RunAsync("runs", "inputs", run.Id, "-o", _files.PathOf("replay"), "--data-dir", Store);
        Assert.True(inputs.ExitCode == 0, inputs.ToString());
        Assert.Equal(File.ReadAllText(_files.Pair), File.ReadAllText(Path.Combine(_files.PathOf("replay"), "pair.toml")));

        TrdpSimResult delete = await TrdpSimProcess.RunAsync("runs", "delete", run.Id, "--data-dir", Store);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Empty(RunStore.Open(Store).List());
        TrdpSimResult missing = await TrdpSimProcess.RunAsync("runs", "show", run.Id, "--data-dir", Store);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("no run", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunKilledWithSigKillIsFoundCrashedWithItsLastInterval()
    {
        using var process = Process.Start(TrdpSimProcess.StartInfo(
            ["run", _files.Pair, "--duration", "5m", "--interval", "1s", "--no-progress", "--metrics", "off", "--data-dir", Store]))!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Wait until the child has committed a few intervals, then kill it where it stands.
            long before = 0;
            var waited = Stopwatch.StartNew();
            while (before < 3 && waited.Elapsed < TimeSpan.FromSeconds(45) && !process.HasExited)
            {
                await Task.Delay(200);
                if (File.Exists(Path.Combine(Store, RunStoreLocation.FileName)))
                {
                    before = RunStore.Open(Store).List() is [var live] ? live.Intervals : 0;
                }
            }

            Assert.True(before >= 3, $"the child committed {before} interval(s) in {waited.Elapsed}");
            Assert.Equal(0, Process.Start("kill", ["-KILL", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit(10_000) ? 0 : 1);
            DateTime killed = DateTime.UtcNow;
            Assert.True(process.WaitForExit(10_000), "the killed child did not go");

            RunStore store = RunStore.Open(Store);
            StoredRun run = Assert.Single(store.List());
            Assert.Equal([run.Id], store.Recovered);
            Assert.Equal(RunState.Crashed, run.State);
            Assert.Equal("crashed", run.StopReason);
            Assert.True(run.Intervals >= before, $"{run.Intervals} intervals after the kill, {before} seen before it");
            // At most the interval being measured is lost: the last checkpoint is within two intervals of the kill.
            Assert.NotNull(run.StoppedUtc);
            Assert.InRange((killed - run.StoppedUtc!.Value).TotalSeconds, 0, 2.5);

            RunRecord record = store.Load(run.Id);
            Assert.All(record.Series, series => Assert.Equal(run.Intervals, series.Count));
            Assert.Equal(run.Intervals - 1, record.Series[0][^1].Sequence);
            Assert.Null(record.SummaryJson);

            // Found once: a second start-up has nothing to recover.
            Assert.Empty(RunStore.Open(Store).Recovered);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    public void Dispose() => _files.Dispose();
}
