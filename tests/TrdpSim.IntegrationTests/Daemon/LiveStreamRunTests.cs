using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TrdpSim.Control;
using TrdpSim.Hosting;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>A real run's live stream, served beside <c>/metrics</c> as <c>trdpsim run</c> does: samples of the run and
/// of a telegram arrive, and silencing the publisher shows up as a <c>timeout</c> on <c>anomalies</c>.</summary>
public sealed class LiveStreamRunTests
{
    [Fact]
    public async Task SamplesAndATimeoutArriveOverTheWebSocket()
    {
        var plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(150), out _, out _);
        plan.Metrics.Enabled = true;
        plan.Metrics.Listen = "127.0.0.1:0";
        await using var host = RunHost.Create(plan);
        await host.StartAsync();
        var events = host.Events!;
        var options = new StreamEndpointOptions { Runs = _ => events };
        await using var server = await MetricsServer.StartAsync(plan.Metrics.Listen, host.Exporter.Registry, CancellationToken.None,
            app => app.MapStreamEndpoints(options));
        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://{server.BoundAddress!.Authority}/api/stream"), CancellationToken.None);
        await client.SendAsync(Encoding.UTF8.GetBytes("""{"op":"subscribe","topics":["run.stats","pd.B.in","anomalies"]}"""),
            WebSocketMessageType.Text, true, CancellationToken.None);

        var seen = new HashSet<string>();
        long received = 0;
        var silenced = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!seen.Contains("timeout") && DateTime.UtcNow < deadline)
        {
            using var frame = await ReceiveAsync(client);
            if (frame.RootElement.GetProperty("type").GetString() != "batch")
            {
                continue;
            }

            foreach (var message in frame.RootElement.GetProperty("messages").EnumerateArray())
            {
                var topic = message.GetProperty("topic").GetString()!;
                seen.Add(message.GetProperty("type").GetString()!);
                if (topic == "pd.B.in")
                {
                    received = Math.Max(received, message.GetProperty("counters").GetProperty("received").GetInt64());
                }
                else if (topic == "anomalies" && message.GetProperty("type").GetString() == "timeout")
                {
                    Assert.Equal(("B", "in"), (message.GetProperty("device").GetString(), message.GetProperty("telegram").GetString()));
                }
            }

            if (!silenced && received > 0 && seen.Contains("sample"))
            {
                host.Post(run => run.FindTelegram("out")!.Silenced = true);
                silenced = true;
            }
        }

        await host.StopAsync();
        Assert.True(received > 0, "the subscription's sample never counted a received telegram");
        Assert.Contains("timeout", seen);
    }

    private static async Task<JsonDocument> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray());
            }
        }
    }
}
