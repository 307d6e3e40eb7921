using TrdpSim.Protocol.Statistics;
using TrdpSim.Tests.Devices;
using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Reporting;

/// <summary>The loss, struck, restart, late-reply and duplicate-pull counts reach the summary JSON and /metrics.</summary>
public sealed class CountingOutputTests
{
    private static JsonElement Row(JsonDocument json, string device, string name)
    {
        foreach (var row in json.RootElement.GetProperty("telegrams").EnumerateArray())
        {
            if (row.GetProperty("device").GetString() == device && row.GetProperty("name").GetString() == name)
            {
                return row.GetProperty("counters");
            }
        }

        throw new InvalidOperationException($"no row {device}/{name}");
    }

    private static JsonDocument Json(RunTelemetry telemetry)
    {
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, RunSummary.Capture(telemetry, TimeSpan.FromSeconds(1)));
        return JsonDocument.Parse(stream.ToArray());
    }

    private static string Metrics(RunTelemetry telemetry)
    {
        using var stream = new MemoryStream();
        new PrometheusExporter(telemetry).Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void StruckLostAndRestartCountsAreInTheJsonAndOnMetrics()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 10);
        plan.Devices[1].Subscriptions[0].Timeout = TimeSpan.FromMilliseconds(30);
        var target = new FaultTarget { Device = "A" };
        plan.Faults.Add(new FaultPlan { Name = "gap", Kind = FaultKind.Loss, Target = target, Start = TimeSpan.FromMilliseconds(95), Stop = TimeSpan.FromMilliseconds(295) });
        plan.Faults.Add(new FaultPlan { Name = "reboot", Kind = FaultKind.SequenceFault, SequenceMode = SequenceFaultMode.Reset, Target = target, Start = TimeSpan.FromMilliseconds(595) });
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromSeconds(1));

        using var json = Json(h.Run.Telemetry);
        var publish = Row(json, "A", "out");
        var subscribe = Row(json, "B", "in");
        Assert.Equal((20, 80), (publish.GetProperty("struck").GetInt64(), publish.GetProperty("sent").GetInt64()));
        Assert.Equal((20, 1, 0), (subscribe.GetProperty("lost").GetInt64(), subscribe.GetProperty("restarts").GetInt64(), subscribe.GetProperty("sequenceJumps").GetInt64()));
        Assert.Equal(20, json.RootElement.GetProperty("totals").GetProperty("struck").GetInt64());

        var text = Metrics(h.Run.Telemetry);
        Assert.Contains("trdpsim_pd_struck_total{device=\"A\",telegram=\"out\",role=\"publish\"} 20", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_lost_total{device=\"B\",telegram=\"in\",role=\"subscribe\"} 20", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_restarts_total{device=\"B\",telegram=\"in\",role=\"subscribe\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("trdpsim_pd_struck_total{device=\"B\"", text, StringComparison.Ordinal); // publish rows only
    }

    [Fact]
    public void LateRepliesAndIgnoredDuplicatePullsAreInTheJsonAndOnMetrics()
    {
        var replies = new List<(TrdpSim.Protocol.PdHeader Header, byte[] Data)>();
        using var h = new FaultHarness(PullPlans.PullOnlyResponder(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(20)), PullPlans.CollectPullReplies(replies));
        h.RunFor(TimeSpan.FromMilliseconds(1));
        var requester = h.Run.Devices[0].PullRequesters[0];
        requester.OnReply(h.Now + 50_000_000); // the real reply came already; this one is late for nothing: unmatched
        var from = new Ip4Endpoint(FaultHarness.PublisherAddress, 40999);
        var responder = h.Run.Devices[1].Unicast;
        var statistics = PullPlans.PullRequest(StatisticsDataset.ComId, StatisticsDataset.ComId, FaultHarness.PublisherAddress, 3);
        responder.Dispatch(statistics, false, from, h.Now);
        responder.Dispatch(statistics, false, from, h.Now);
        // Answered to an address nobody listens on, so the answer does not reach A's pull as a further reply.
        var pull = PullPlans.PullRequest(PullPlans.RequestComId, PullPlans.ReplyComId, FaultHarness.SubscriberAddress + 100, 9);
        responder.Dispatch(pull, false, from, h.Now);
        responder.Dispatch(pull, false, from, h.Now);
        h.Step(1); // accepted requests are answered on the wheel thread

        using var json = Json(h.Run.Telemetry);
        var ask = Row(json, "A", "ask");
        Assert.Equal((1, 0, 1), (ask.GetProperty("pullReplies").GetInt64(), ask.GetProperty("pullLateReplies").GetInt64(), ask.GetProperty("pullUnmatchedReplies").GetInt64()));
        Assert.Equal(1, Row(json, "B", "pull-in").GetProperty("pullDuplicates").GetInt64());
        var statisticsPulls = json.RootElement.GetProperty("statisticsPulls");
        Assert.Equal((1, 1), (statisticsPulls.GetProperty("answered").GetInt64(), statisticsPulls.GetProperty("duplicates").GetInt64()));

        var text = Metrics(h.Run.Telemetry);
        Assert.Contains("trdpsim_pd_pull_unmatched_replies_total{device=\"A\",telegram=\"ask\",role=\"pull\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_pull_late_replies_total{device=\"A\",telegram=\"ask\",role=\"pull\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_pull_duplicates_total{device=\"B\",telegram=\"pull-in\",role=\"subscribe\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_statistics_duplicates_total 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AReplyAfterTheTimeoutIsCountedLateInTheJsonAndOnMetrics()
    {
        var plan = PullPlans.PullOnlyResponder(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(20));
        plan.Devices.RemoveAt(1);
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(1));
        h.Run.Devices[0].PullRequesters[0].OnReply(h.Now + 50_000_000);

        using var json = Json(h.Run.Telemetry);
        var ask = Row(json, "A", "ask");
        Assert.Equal((0, 1, 1), (ask.GetProperty("pullReplies").GetInt64(), ask.GetProperty("pullLateReplies").GetInt64(), ask.GetProperty("timeouts").GetInt64()));
        Assert.Contains("trdpsim_pd_pull_late_replies_total{device=\"A\",telegram=\"ask\",role=\"pull\"} 1", Metrics(h.Run.Telemetry), StringComparison.Ordinal);
    }

    [Fact]
    public void EachMdRowInTheJsonHasTheEventsOfItsRoleAsMetricsHas()
    {
        // A caller's 'replies' would be the replier's 'Mp'/'Mq' sent: written on a caller row it read as no reply
        // received, however many came. The JSON row has exactly the events /metrics has for that role.
        var telemetry = new RunTelemetry("md");
        var ask = telemetry.AddMdGroup(new MdGroup("d", "ask", MdRole.Caller, 2000, "request"));
        var answer = telemetry.AddMdGroup(new MdGroup("e", "answer", MdRole.Replier, 2000, "constant 1ms"));
        (ask.Counters.Calls, ask.Counters.Ok) = (3, 3);
        (answer.Counters.Requests, answer.Counters.Replies) = (3, 3);

        using var json = Json(telemetry);
        var text = Metrics(telemetry);
        foreach (var row in json.RootElement.GetProperty("messageData").EnumerateArray())
        {
            var (device, name, role) = (row.GetProperty("device").GetString(), row.GetProperty("name").GetString(), row.GetProperty("role").GetString());
            var inJson = row.GetProperty("events").EnumerateObject().Select(e => $"{e.Name} {e.Value.GetInt64()}").ToList();
            var prefix = $"trdpsim_md_events_total{{device=\"{device}\",name=\"{name}\",role=\"{role}\",event=\"";
            var onMetrics = text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
                .Select(l => l[prefix.Length..].Replace("\"} ", " ", StringComparison.Ordinal)).ToList();
            Assert.Equal(onMetrics, inJson);
        }

        var rows = json.RootElement.GetProperty("messageData").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("events"));
        Assert.Equal(3, rows["ask"].GetProperty("ok").GetInt64());
        Assert.False(rows["ask"].TryGetProperty("replies", out _));
        Assert.False(rows["answer"].TryGetProperty("calls", out _));
    }

    [Fact]
    public void LateAndUnknownMdRepliesAreInTheSummaryTheJsonAndOnMetrics()
    {
        // trdp-wire.md §8.7: a reply whose session is no longer open is dropped silently. One to a session of the
        // caller that ended is the caller's late reply; one whose session id no caller issued is unmatched, run-wide.
        var plan = new RunPlan { Name = "md-unmatched" };
        var a = new DevicePlan { Name = "A", Address = 0x0A000202 };
        a.MdCallers.Add(new MdCallerPlan
        {
            Name = "ask", ComId = 7100, Destination = 0x0A000203, Rate = 1, Count = 1, Retries = 2, ReplyTimeout = TimeSpan.FromMilliseconds(100),
        });
        plan.Devices.Add(a);
        using var rig = new CraftedMdRig(plan);
        rig.StartCallersAt(1);
        rig.WheelWakesAt(1);
        rig.WheelWakesAt(101);
        rig.WheelWakesAt(201);
        var request = rig.SentOf(TrdpMessageType.Mr)[^1];
        var replier = new Ip4Endpoint(0x0A000203, 17225);

        // After the last deadline (301 ms), before the wheel fired it: late though the session is still in the table.
        rig.Deliver("A", new MdHeader { MessageType = TrdpMessageType.Mp, ComId = 7100, SequenceCounter = 2, SessionId = request.SessionId }, replier, receivedMs: 320);
        rig.WheelWakesAt(330);
        // After the session was closed: the caller still knows the id it issued.
        rig.Deliver("A", new MdHeader { MessageType = TrdpMessageType.Me, ReplyStatus = -3, SessionId = request.SessionId }, replier, receivedMs: 340);
        // An id no caller issued.
        rig.Deliver("A", new MdHeader { MessageType = TrdpMessageType.Mp, ComId = 7100, SessionId = SessionId.Parse("0123456789abcdef0123456789abcdef") }, replier, receivedMs: 350);

        var ask = rig.Counters("ask");
        Assert.Equal((1, 2, 0), (ask.Timeouts, ask.LateRepliesReceived, ask.ErrorNoReplier));
        Assert.Equal(1, rig.Run.Telemetry.MdUnmatchedReplies);

        using var json = Json(rig.Run.Telemetry);
        var row = json.RootElement.GetProperty("messageData").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "ask");
        Assert.Equal(2, row.GetProperty("events").GetProperty("late_replies_received").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("mdUnmatchedReplies").GetInt64());

        var text = Metrics(rig.Run.Telemetry);
        Assert.Contains("trdpsim_md_events_total{device=\"A\",name=\"ask\",role=\"caller\",event=\"late_replies_received\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("\ntrdpsim_md_unmatched_replies_total 1\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.StartsWith("# TYPE trdpsim_md_unmatched_replies_total ", StringComparison.Ordinal));
        Assert.Single(text.Split('\n'), l => l.StartsWith("# HELP trdpsim_md_unmatched_replies_total ", StringComparison.Ordinal));

        var summary = SummaryTable.Format(RunSummary.Capture(rig.Run.Telemetry, TimeSpan.FromSeconds(1)), 200);
        Assert.Contains("unmatched replies 1 ", summary, StringComparison.Ordinal);
        Assert.Contains("replies after the call ended", summary, StringComparison.Ordinal); // the callers table's late column

        // … and a threshold can be set on it: md_late_replies reads the same counter.
        Assert.True(ThresholdSyntax.TryParse("md_late_replies{telegram=ask}", "count == 0", out var threshold, out var error), error.Message);
        Assert.Equal(new CountSample(2, 0), Assert.IsType<CountReader>(MetricBinder.Bind(threshold.Metric, rig.Run.Telemetry)).Read());
    }
}
