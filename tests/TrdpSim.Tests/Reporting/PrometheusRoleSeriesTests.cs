using System.Text;

namespace TrdpSim.Tests.Reporting;

/// <summary><c>/metrics</c> has a telegram series only where its figure can apply to the telegram's role:
/// a subscription never sends, a publication never receives, only a pull has a round trip.</summary>
public sealed class PrometheusRoleSeriesTests
{
    [Theory]
    [InlineData("trdpsim_pd_sent_total", "publish pull")]
    [InlineData("trdpsim_pd_send_failures_total", "publish pull")]
    [InlineData("trdpsim_pd_dropped_cycles_total", "publish pull")]
    [InlineData("trdpsim_pd_delayed_total", "publish")]
    [InlineData("trdpsim_pd_received_total", "subscribe")]
    [InlineData("trdpsim_pd_lost_total", "subscribe")]
    [InlineData("trdpsim_pd_duplicates_total", "subscribe")]
    [InlineData("trdpsim_pd_out_of_order_total", "subscribe")]
    [InlineData("trdpsim_pd_timeouts_total", "subscribe pull")]
    [InlineData("trdpsim_pd_topo_rejects_total", "subscribe")]
    [InlineData("trdpsim_pd_timed_out_instances", "subscribe")]
    [InlineData("trdpsim_pd_pull_requests_total", "publish pull")]
    [InlineData("trdpsim_pd_pull_replies_total", "pull")]
    [InlineData("trdpsim_pd_pull_late_replies_total", "pull")]
    [InlineData("trdpsim_pd_pull_unmatched_replies_total", "pull")]
    [InlineData("trdpsim_pd_pull_duplicates_total", "subscribe")]
    [InlineData("trdpsim_pd_struck_total", "publish")]
    [InlineData("trdpsim_pd_restarts_total", "subscribe")]
    [InlineData("trdpsim_pd_sequence_jumps_total", "subscribe")]
    [InlineData("trdpsim_pd_instances", "publish subscribe pull")]
    [InlineData("trdpsim_pd_send_lateness_seconds", "publish")]
    [InlineData("trdpsim_pd_jitter_seconds", "subscribe")]
    [InlineData("trdpsim_pd_pull_rtt_seconds", "pull")]
    public async Task SeriesExistOnlyForTheRolesTheyApplyTo(string metric, string roles)
    {
        string text = await Scrape();
        foreach (string role in (string[])["publish", "subscribe", "pull"])
        {
            string series = $"{metric}{{device=\"d\",telegram=\"{role}-telegram\",role=\"{role}\"";
            if (roles.Split(' ').Contains(role))
            {
                Assert.Contains(series, text, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain(series, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task PullRoundTripIsExportedAsARoundTrip()
    {
        string text = await Scrape();
        Assert.Contains("trdpsim_pd_pull_rtt_seconds{device=\"d\",telegram=\"pull-telegram\",role=\"pull\",percentile=\"50\"} 0.0002", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calls", "caller")]
    [InlineData("ok", "caller")]
    [InlineData("me_no_replier", "caller")]
    [InlineData("retries", "caller")]
    [InlineData("skipped", "caller")]
    [InlineData("confirms_sent", "caller")]
    [InlineData("requests", "replier")]
    [InlineData("replies", "replier")]
    [InlineData("errors_sent", "replier")]
    [InlineData("confirm_timeouts", "replier")]
    [InlineData("duplicates", "replier")]
    [InlineData("send_failures", "caller replier")]
    public async Task MdEventsExistOnlyForTheRolesTheyApplyTo(string mdEvent, string roles)
    {
        var telemetry = new RunTelemetry("md");
        telemetry.AddMdGroup(new MdGroup("d", "ask", MdRole.Caller, 2000, "udp request"));
        telemetry.AddMdGroup(new MdGroup("d", "answer", MdRole.Replier, 2000, "constant 1ms"));
        string text = await Scrape(telemetry);
        foreach (var (name, role) in (ReadOnlySpan<(string, string)>)[("ask", "caller"), ("answer", "replier")])
        {
            string series = $"trdpsim_md_events_total{{device=\"d\",name=\"{name}\",role=\"{role}\",event=\"{mdEvent}\"}}";
            if (roles.Split(' ').Contains(role))
            {
                Assert.Contains(series, text, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain(series, text, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("event", "connect_attempts", "client")]
    [InlineData("event", "connected", "client")]
    [InlineData("event", "send_rejected_reconnect_wait", "client")]
    [InlineData("event", "accepted", "server")]
    [InlineData("event", "refused", "server")]
    [InlineData("event", "frames_in", "client server")]
    [InlineData("reason", "connect_failed", "client")]
    [InlineData("reason", "connect_timeout", "client")]
    [InlineData("reason", "peer_closed", "client server")]
    public async Task TcpSeriesExistOnlyForTheSidesTheyApplyTo(string label, string value, string sides)
    {
        var telemetry = new RunTelemetry("tcp");
        telemetry.AddTcpEndpoint(new TcpEndpointStats("c", TcpSide.Client, new TrdpSim.Transport.Tcp.TcpMdStats()));
        telemetry.AddTcpEndpoint(new TcpEndpointStats("s", TcpSide.Server, new TrdpSim.Transport.Tcp.TcpMdStats()));
        string text = await Scrape(telemetry);
        foreach (var (device, side) in (ReadOnlySpan<(string, string)>)[("c", "client"), ("s", "server")])
        {
            string series = $"{{device=\"{device}\",side=\"{side}\",{label}=\"{value}\"}}";
            if (sides.Split(' ').Contains(side))
            {
                Assert.Contains(series, text, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain(series, text, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<string> Scrape()
    {
        var telemetry = new RunTelemetry("roles");
        foreach (TelegramRole role in Enum.GetValues<TelegramRole>())
        {
            telemetry.AddGroup("d", role.ToString().ToLowerInvariant() + "-telegram", role, 1000 + (uint)role).AddInstance();
        }

        telemetry.Groups[(int)TelegramRole.Pull].Lateness.Record(200_000);
        return await Scrape(telemetry);
    }

    private static async Task<string> Scrape(RunTelemetry telemetry)
    {
        var exporter = new PrometheusExporter(telemetry);
        using var stream = new MemoryStream();
        await exporter.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
