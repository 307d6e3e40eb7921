using System.Text;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>A publication to a port nobody listens on: every cycle is sent (as the reference stack sends it),
/// none counts as a send failure, and the ICMP refusals are reported as information in the summary JSON and
/// on <c>/metrics</c>.</summary>
public sealed class ClosedPortRunTests
{
    [Fact]
    public async Task EveryCycleToAClosedPortIsSentAndTheRefusalsAreReported()
    {
        var (block, port) = LoopbackPlans.Allocate();
        var plan = new RunPlan { Name = "closed-port" };
        plan.Network.PdPort = port;
        plan.Metrics.Enabled = false;
        var publisher = new DevicePlan { Name = "A", Address = block | 2 };
        publisher.Publications.Add(new PublicationPlan
        {
            Name = "out", ComId = 1000, Cycle = TimeSpan.FromMilliseconds(10), Destination = block | 3, PayloadLength = 16,
        });
        plan.Devices.Add(publisher); // nobody at block|3

        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        await Task.Delay(600);
        await host.StopAsync();

        var sent = host.Telemetry.Groups[0].Totals();
        Assert.True(sent.Sent >= 10, $"only {sent.Sent} sent");
        Assert.Equal(0, sent.SendFailures);
        Assert.True(host.Telemetry.IcmpRefused() > 0, "no ICMP refusal was met: the test proved nothing");

        var summary = RunSummary.Capture(host.Telemetry, TimeSpan.FromSeconds(1));
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, summary);
        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(host.Telemetry.IcmpRefused(), json.RootElement.GetProperty("icmpRefused").GetInt64());
        var socket = Assert.Single(json.RootElement.GetProperty("udpSockets").EnumerateArray());
        Assert.Equal("A", socket.GetProperty("device").GetString());
        Assert.Equal("pd-send", socket.GetProperty("socket").GetString());
        Assert.Equal(new Ip4Endpoint(block | 3, port).ToString(), socket.GetProperty("peer").GetString());
        Assert.True(socket.GetProperty("icmpRefused").GetInt64() > 0);
        Assert.Equal(0, socket.GetProperty("sendErrors").GetInt64());

        using var text = new MemoryStream();
        await host.Exporter.Registry.CollectAndExportAsTextAsync(text);
        var metrics = Encoding.UTF8.GetString(text.ToArray());
        Assert.Contains($"trdpsim_udp_icmp_refused_total{{device=\"A\",socket=\"pd-send\"}} {host.Telemetry.IcmpRefused()}", metrics, StringComparison.Ordinal);
    }
}
