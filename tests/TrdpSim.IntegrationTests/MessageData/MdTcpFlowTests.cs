namespace TrdpSim.IntegrationTests.MessageData;

/// <summary>Caller and replier on loopback over TCP: one connection, reused; answers on the same connection.</summary>
public sealed class MdTcpFlowTests
{
    [Fact]
    public async Task RequestReplyAndConfirmRunOverOneReusedConnection()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2101, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 100, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "confirm", ComId = 2102, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 50, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2101, Protocol = MdProtocol.Tcp, PayloadLength = 100, Delay = "constant:1ms" });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer-confirm", ComId = 2102, Protocol = MdProtocol.Tcp, Reply = MdReplyKind.ReplyWithConfirm });
        await using var host = await MdPlans.RunAsync(plan, 600,
            h => MdPlans.Counters(h, "ask", MdRole.Caller).Ok >= 40 && MdPlans.Counters(h, "answer-confirm", MdRole.Replier).ConfirmsReceived >= 20);

        var ask = MdPlans.Counters(host, "ask", MdRole.Caller);
        var confirm = MdPlans.Counters(host, "confirm", MdRole.Caller);
        Assert.True(ask.Ok >= 40, $"ok {ask.Ok} of {ask.Calls}");
        Assert.Equal(0, ask.Retries); // no retransmissions on TCP
        var confirmed = MdPlans.Counters(host, "answer-confirm", MdRole.Replier).ConfirmsReceived;
        Assert.True(confirmed >= 20, $"confirmations received {confirmed}");
        Assert.True(confirm.ConfirmsSent >= confirmed, $"sent {confirm.ConfirmsSent}, received {confirmed}"); // the last ones may be in flight at stop
        var station = host.Run.MdStations[1];
        Assert.Equal(1, station.TcpServer!.Stats.Accepted); // both callers share the caller device's connection
    }

    [Fact]
    public async Task TcpRequestWithoutTcpListenerGetsMeOnTheConnection()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2103, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 50, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "tcp-other", ComId = 2199, Protocol = MdProtocol.Tcp });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "udp-only", ComId = 2103 }); // TCP requests never match UDP listeners
        await using var host = await MdPlans.RunAsync(plan, 500, h => MdPlans.Counters(h, "ask", MdRole.Caller).ErrorNoReplier >= 10);

        var ask = MdPlans.Counters(host, "ask", MdRole.Caller);
        Assert.True(ask.ErrorNoReplier >= 10, $"Me -3: {ask.ErrorNoReplier}");
        Assert.Equal(0, MdPlans.Counters(host, "udp-only", MdRole.Replier).Requests);
    }

    [Fact]
    public async Task TcpConnectionsShowInTheSummaryAndTheMetrics()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2105, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 100, ReplyTimeout = TimeSpan.FromMilliseconds(500) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2105, Protocol = MdProtocol.Tcp });
        await using var host = await MdPlans.RunAsync(plan, 600, h => MdPlans.Counters(h, "ask", MdRole.Caller).Ok >= 10);
        var ok = MdPlans.Counters(host, "ask", MdRole.Caller).Ok;

        var summary = RunSummary.Capture(host.Telemetry, TimeSpan.FromSeconds(1));
        Assert.Equal(2, summary.TcpRows.Count);
        var client = Assert.Single(summary.TcpRows, r => r.Side == "client");
        var server = Assert.Single(summary.TcpRows, r => r.Side == "server");
        Assert.Equal((plan.Devices[0].Name, 1L, 1L), (client.Device, client.Event("connect_attempts"), client.Event("connected")));
        Assert.Equal((plan.Devices[1].Name, 1L), (server.Device, server.Event("accepted")));
        Assert.True(client.Event("frames_in") >= ok, $"{client.Event("frames_in")} replies read for {ok} ok");
        Assert.Contains("message data over TCP", SummaryTable.Format(summary), StringComparison.Ordinal);
        using (var json = new MemoryStream())
        {
            SummaryJson.Write(json, summary);
            Assert.Contains("\"messageDataTcp\"", System.Text.Encoding.UTF8.GetString(json.ToArray()), StringComparison.Ordinal);
        }

        var exporter = new PrometheusExporter(host.Telemetry);
        using var metrics = new MemoryStream();
        await exporter.Registry.CollectAndExportAsTextAsync(metrics);
        var text = System.Text.Encoding.UTF8.GetString(metrics.ToArray());
        Assert.Contains($"trdpsim_md_tcp_events_total{{device=\"{plan.Devices[0].Name}\",side=\"client\",event=\"connected\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains($"trdpsim_md_tcp_events_total{{device=\"{plan.Devices[1].Name}\",side=\"server\",event=\"accepted\"}} 1", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_md_tcp_closed_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentTcpReplierTimesOutWithoutRetries()
    {
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2104, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 20, Count = 4, ReplyTimeout = TimeSpan.FromMilliseconds(100) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "mute", ComId = 2104, Protocol = MdProtocol.Tcp, NoReplyProbability = 1 });
        await using var host = await MdPlans.RunAsync(plan, 500, h => MdPlans.Counters(h, "ask", MdRole.Caller).Timeouts == 4);

        var ask = MdPlans.Counters(host, "ask", MdRole.Caller);
        Assert.Equal(4, ask.Timeouts);
        Assert.Equal(0, ask.Retries); // TCNopen never retransmits over TCP
        Assert.Equal(4, MdPlans.Counters(host, "mute", MdRole.Replier).NoReplies);
    }

    [Fact]
    public async Task TcpRequestsRefusedOrQueuedForAConnectThatFailsAreSendFailuresNotTimeouts()
    {
        // Nothing listens on the replier's MD port: each connect is refused, and during the pool's reconnect wait every
        // request is refused at once. Such a request never left, so no reply could come (trdp-wire.md §8.9: no
        // retransmission on TCP either): it is the caller's send failure, never a timeout of the device.
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2106, Protocol = MdProtocol.Tcp, Destination = replier, Rate = 100, Count = 40, ReplyTimeout = TimeSpan.FromMilliseconds(50) });
        await using var host = await MdPlans.RunAsync(plan, 700, h => MdPlans.Counters(h, "ask", MdRole.Caller) is { Calls: 40, Outstanding: 0 });

        var ask = MdPlans.Counters(host, "ask", MdRole.Caller);
        Assert.Equal(40, ask.Calls);
        Assert.Equal(0, ask.Outstanding);
        Assert.Equal(0, ask.Retries);
        // Each call ends once, and as the caller's send failure: refused at once in the reconnect wait, or queued for a
        // connect that then failed. None of them left, so none is a timeout of the device.
        Assert.Equal(40, ask.SendFailures);
        Assert.Equal(0, ask.Timeouts);
    }
}
