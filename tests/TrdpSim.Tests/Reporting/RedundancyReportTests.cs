using System.Text.Json;

namespace TrdpSim.Tests.Reporting;

/// <summary>Redundancy groups and DUT statistics survive the summary's copy with the process figures (the one the
/// JSON, the table and the run store are written from), and the redundancy figures reach the JSON.</summary>
public sealed class RedundancyReportTests
{
    [Fact]
    public void TheSummaryWithProcessFiguresKeepsRedundancyGroupsAndDutStatistics()
    {
        var telemetry = new RunTelemetry("t");
        telemetry.AddDutStatistics("a", "poll", "127.0.0.9");
        var figures = telemetry.AddRedundancy(7, "ccu-2", 30_000_000);
        figures.Count(SwitchoverCause.LeaderSilence);
        figures.Gap.Record(25_000_000);

        RunSummary summary = RunSummary.Capture(telemetry, TimeSpan.FromSeconds(1))
            .WithProcess(null, 0, new ProcessSample(0, 0, 0, 0, 0, 0, DateTime.UtcNow));
        Assert.Single(summary.DutStatistics);
        RedundancyRow row = Assert.Single(summary.Redundancy);
        Assert.Equal((7u, "ccu-2", 0L, 1L), (row.Id, row.Leader, row.Commanded, row.LeaderSilence));

        using var stream = new MemoryStream();
        SummaryJson.Write(stream, summary);
        using var json = JsonDocument.Parse(stream.ToArray());
        JsonElement group = Assert.Single(json.RootElement.GetProperty("redundancy").EnumerateArray());
        Assert.Equal(1, group.GetProperty("switchovers").GetProperty("leaderSilence").GetInt64());
        Assert.Equal(30_000_000, group.GetProperty("takeoverAfterNs").GetInt64());
        Assert.True(group.GetProperty("gapNs").GetProperty("p50").GetInt64() > 20_000_000);
    }
}
