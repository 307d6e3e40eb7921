using System.Text.Json;
using TrdpSim.Plan;
using TrdpSim.Telemetry;
using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Telemetry;

/// <summary>The loss, struck and restart counts reach the summary JSON and /metrics.</summary>
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
}
