using System.Text.RegularExpressions;

namespace TrdpSim.Tests.Reporting;

/// <summary>The end-of-run table fits a terminal and says what each figure is: one section per role with
/// that role's columns, headers that name the latency they show, and a legend for the abbreviations.</summary>
public sealed class SummaryTableTests
{
    [Fact]
    public void EveryLineFitsA120ColumnTerminal()
    {
        string table = SummaryTable.Format(Summary());
        foreach (string line in Lines(table))
        {
            Assert.True(line.Length <= 120, $"{line.Length} columns: {line}");
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    public void EveryLineFitsTheGivenWidth(int width)
    {
        foreach (string line in Lines(SummaryTable.Format(Summary(), width)))
        {
            Assert.True(line.Length <= width, $"{line.Length} > {width} columns: {line}");
        }
    }

    [Fact]
    public void EachRoleHasItsOwnSectionWithTheLatencyItMeasures()
    {
        string table = SummaryTable.Format(Summary());
        int publish = table.IndexOf("process data — publish", StringComparison.Ordinal);
        int subscribe = table.IndexOf("process data — subscribe", StringComparison.Ordinal);
        int pull = table.IndexOf("process data — pull", StringComparison.Ordinal);
        Assert.True(publish >= 0 && subscribe > publish && pull > subscribe, table);
        Assert.Contains("send lateness", table[publish..subscribe], StringComparison.Ordinal);
        Assert.Contains("jitter", table[subscribe..pull], StringComparison.Ordinal);
        Assert.Contains("pull RTT", table[pull..], StringComparison.Ordinal);
        Assert.DoesNotContain("latency", table, StringComparison.Ordinal);
    }

    [Fact]
    public void PullCountsSayWhichIsWhich()
    {
        string table = SummaryTable.Format(Summary());
        Assert.Contains("requests/replies", table, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^tcms\s+hvac-pull\s+1301\s+1\s+18/9\s", RegexOptions.Multiline), table);
        Assert.DoesNotContain("pulls 18/9", table, StringComparison.Ordinal);
    }

    [Fact]
    public void APullResponderShowsThePullsItAnswered()
    {
        string table = SummaryTable.Format(Summary());
        // hvac/status has no cycle: it sent nothing on its own, nothing was struck, and it answered 9 pulls.
        Assert.Matches(new Regex(@"^hvac\s+status\s+1300\s+1\s+0\s+0\s+9\s", RegexOptions.Multiline), table);
        Assert.Contains("pulled = pull requests answered", table, StringComparison.Ordinal);
    }

    [Fact]
    public void ALegendExplainsTheAbbreviations()
    {
        string table = SummaryTable.Format(Summary());
        foreach (string entry in (string[])["ooo = ", "tmo = ", "dup = ", "drop = ", "Me-3 = ", "c-tmo = ", "send lateness = ", "jitter = "])
        {
            Assert.Contains(entry, table, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LongNamesAreClippedNotWrapped()
    {
        string table = SummaryTable.Format(Summary(), 80);
        Assert.Contains("…", table, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^a-ver\S*…\s+an-ev\S*…\s+4000000000\s", RegexOptions.Multiline), table);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.TrimEntries);

    /// <summary>The quickstart's shape with large figures and long names: every section, widest cells.</summary>
    private static RunSummary Summary()
    {
        var telemetry = new RunTelemetry("wide");
        TelegramGroup speed = telemetry.AddGroup("tcms", "speed", TelegramRole.Publish, 1000);
        TelegramCounters c = speed.AddInstance();
        c.Sent = 123_456_789;
        c.DroppedCycles = 12;
        c.Delayed = 3;
        speed.Lateness.Record(75_800);
        speed.Lateness.Record(61_080_000);

        TelegramGroup wide = telemetry.AddGroup("a-very-long-device-name-indeed", "an-even-longer-telegram-name-than-that", TelegramRole.Publish, 4_000_000_000);
        for (int i = 0; i < 100_000; i++)
        {
            wide.AddInstance().Sent = 99_999;
        }

        wide.Lateness.Record(1_200_000_000);

        telemetry.AddGroup("hvac", "status", TelegramRole.Publish, 1300).AddInstance().PullRequests = 9;

        TelegramGroup doors = telemetry.AddGroup("tcms", "doors", TelegramRole.Subscribe, 1100);
        TelegramCounters d = doors.AddInstance();
        d.Received = 987_654_321;
        d.Lost = 208;
        d.Duplicates = 1;
        d.OutOfOrder = 2;
        d.Timeouts = 3;
        d.TopoRejects = 4;
        doors.Jitter.Record(15_700);

        TelegramGroup pull = telemetry.AddGroup("tcms", "hvac-pull", TelegramRole.Pull, 1301);
        TelegramCounters p = pull.AddInstance();
        p.Sent = 18;
        p.PullRequests = 18;
        p.PullReplies = 9;
        pull.Lateness.Record(161_800);

        MdGroup caller = telemetry.AddMdGroup(new MdGroup("tcms", "status-query-with-a-long-name", MdRole.Caller, 2001, "udp request"));
        caller.Counters.Calls = 1_234_567;
        caller.Counters.Ok = 1_234_000;
        caller.Counters.ErrorNoReplier = 29;
        caller.Latency.Record(2_510_000);
        MdGroup replier = telemetry.AddMdGroup(new MdGroup("diag", "status", MdRole.Replier, 2001, "lognormal")
        {
            ConfiguredQuantile = static q => q * 20_000_000,
        });
        replier.Counters.Requests = 1_234_567;
        replier.Counters.Replies = 1_234_560;
        replier.Counters.ConfirmTimeouts = 7;
        replier.Latency.Record(300_150_000);

        telemetry.AddTcpEndpoint(new TcpEndpointStats("tcms", TcpSide.Client, new TcpMdStats()));
        telemetry.AddTcpEndpoint(new TcpEndpointStats("diag", TcpSide.Server, new TcpMdStats()));
        return RunSummary.Capture(telemetry, TimeSpan.FromSeconds(4500));
    }
}
