using System.Net.WebSockets;
using System.Text.Json;
using TrdpSim.Control;
using TrdpSim.Events;

namespace TrdpSim.Tests.Control;

/// <summary><c>/api/stream</c> on a real Kestrel socket: confirmations, topic filtering, catch-up (and its clear
/// answer when the point is older than the history), 100 ms batching and heartbeats.</summary>
public sealed class WebSocketStreamTests
{
    [Fact]
    public async Task OnlySubscribedTopicsArriveAndUnsubscribeIsConfirmed()
    {
        using var bus = new RunEventBus();
        bus.Start();
        await using var server = await StreamServer.StartAsync(bus);
        using var client = await server.ConnectAsync();
        await StreamServer.SendAsync(client, """{"op":"subscribe","id":7,"topics":["pd.door.*","faults"]}""");
        using (var subscribed = await StreamServer.ReceiveTypeAsync(client, "subscribed"))
        {
            Assert.Equal(7, subscribed.RootElement.GetProperty("id").GetInt32());
            Assert.Equal(["pd.door.*", "faults"], subscribed.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        }

        bus.Publish(StreamServer.Sample("pd.door.status", 1));
        bus.Publish(StreamServer.Sample("pd.brake.status", 2));
        bus.Publish(StreamServer.Sample("run.stats", 3));
        bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "door-loss", Detail: "loss"));
        bus.Post(new RunEvent(RunEventKind.Timeout, bus.Now(), Device: "door", Telegram: "status"));
        var topics = await CollectTopicsAsync(client, bus);
        Assert.Equal(["faults", "pd.door.status"], topics.Order(StringComparer.Ordinal));

        await StreamServer.SendAsync(client, """{"op":"unsubscribe","topics":["faults","anomalies"]}""");
        using (var unsubscribed = await StreamServer.ReceiveTypeAsync(client, "unsubscribed"))
        {
            var root = unsubscribed.RootElement;
            Assert.Equal(["pd.door.*"], root.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(["faults"], root.GetProperty("removed").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(["anomalies"], root.GetProperty("notSubscribed").EnumerateArray().Select(t => t.GetString()));
        }

        bus.Post(new RunEvent(RunEventKind.FaultRepaired, bus.Now(), Subject: "door-loss"));
        bus.Publish(StreamServer.Sample("pd.door.status", 4));
        Assert.Equal(["pd.door.status"], await CollectTopicsAsync(client, bus));
    }

    [Fact]
    public async Task ABadRequestGetsAnErrorNamingTheProblemAndTheConnectionStays()
    {
        using var bus = new RunEventBus();
        await using var server = await StreamServer.StartAsync(bus);
        using var client = await server.ConnectAsync();
        await StreamServer.SendAsync(client, """{"op":"subscribe","id":"a","topics":["pd.dev*"]}""");
        using (var error = await StreamServer.ReceiveTypeAsync(client, "error"))
        {
            Assert.Equal("a", error.RootElement.GetProperty("id").GetString());
            Assert.Contains("'*' stands for a whole segment", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        await StreamServer.SendAsync(client, """{"op":"subscribe","topics":["run.*"]}""");
        using var subscribed = await StreamServer.ReceiveTypeAsync(client, "subscribed");
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task CatchUpSendsTheKeptEventsAfterTheClientsPointBeforeLiveOnes()
    {
        using var bus = new RunEventBus();
        for (var i = 1; i <= 5; i++)
        {
            bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "f" + i));
        }

        bus.Post(new RunEvent(RunEventKind.Timeout, bus.Now(), Device: "d", Telegram: "t")); // id 6, other topic
        bus.Flush();
        bus.Start();
        await using var server = await StreamServer.StartAsync(bus);
        using var client = await server.ConnectAsync();
        await StreamServer.SendAsync(client, """{"op":"subscribe","topics":["faults"],"lastId":2}""");
        using (var subscribed = await StreamServer.ReceiveTypeAsync(client, "subscribed"))
        {
            var catchUp = subscribed.RootElement.GetProperty("catchUp");
            Assert.Equal(3, catchUp.GetProperty("events").GetInt32());
            Assert.True(catchUp.GetProperty("complete").GetBoolean());
            Assert.Equal(6, catchUp.GetProperty("newestId").GetInt64());
        }

        using (var batch = await StreamServer.ReceiveTypeAsync(client, "batch"))
        {
            Assert.True(batch.RootElement.GetProperty("catchUp").GetBoolean());
            Assert.Equal([3L, 4L, 5L], batch.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
        }

        bus.Post(new RunEvent(RunEventKind.FaultRepaired, bus.Now(), Subject: "f1"));
        using var live = await StreamServer.ReceiveTypeAsync(client, "batch");
        Assert.Equal(7, live.RootElement.GetProperty("messages")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task APointOlderThanTheHistoryIsAnsweredWithTheGap()
    {
        using var bus = new RunEventBus(new RunEventBusOptions { HistoryCapacity = 4 });
        for (var i = 1; i <= 10; i++)
        {
            bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "f" + i));
        }

        bus.Flush();
        await using var server = await StreamServer.StartAsync(bus);
        using var client = await server.ConnectAsync();
        await StreamServer.SendAsync(client, """{"op":"subscribe","topics":["*"],"lastId":1}""");
        using var subscribed = await StreamServer.ReceiveTypeAsync(client, "subscribed");
        var catchUp = subscribed.RootElement.GetProperty("catchUp");
        Assert.False(catchUp.GetProperty("complete").GetBoolean());
        Assert.Equal(5, catchUp.GetProperty("missed").GetInt64()); // events 2 … 6 are gone
        Assert.Equal(7, catchUp.GetProperty("oldestId").GetInt64());
        Assert.Equal(4, catchUp.GetProperty("events").GetInt32());
        Assert.Contains("older than the history (at most the last 4 events are kept", catchUp.GetProperty("gap").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatchUpByTimestampTakesTheEventsAfterThatMoment()
    {
        using var bus = new RunEventBus();
        bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "early"));
        bus.Flush();
        await Task.Delay(50);
        var between = DateTime.UtcNow;
        await Task.Delay(50);
        bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "late"));
        bus.Flush();
        await using var server = await StreamServer.StartAsync(bus);
        using var client = await server.ConnectAsync();
        await StreamServer.SendAsync(client, $$"""{"op":"subscribe","topics":["faults"],"lastTimestamp":"{{RunEventJson.FormatTimestamp(between)}}"}""");
        using var subscribed = await StreamServer.ReceiveTypeAsync(client, "subscribed");
        Assert.Equal(1, subscribed.RootElement.GetProperty("catchUp").GetProperty("events").GetInt32());
        using var batch = await StreamServer.ReceiveTypeAsync(client, "batch");
        Assert.Equal("late", batch.RootElement.GetProperty("messages")[0].GetProperty("fault").GetString());
    }

    [Fact]
    public async Task MessagesGoOutInBatchesEveryIntervalNotOneFrameEach()
    {
        using var bus = new RunEventBus();
        bus.Start();
        await using var server = await StreamServer.StartAsync(bus);
        using var client = await server.ConnectAsync("?topics=faults");
        var paced = Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "f"));
                await Task.Delay(10);
            }
        });
        var messages = 0;
        var frames = 0;
        while (messages < 100)
        {
            using var frame = await StreamServer.ReceiveTypeAsync(client, "batch");
            Assert.Equal(0, frame.RootElement.GetProperty("dropped").GetInt64());
            messages += frame.RootElement.GetProperty("messages").GetArrayLength();
            frames++;
        }

        await paced;
        Assert.Equal(100, messages);
        // 100 events over ≥ 1 s at one batch per 100 ms: about 10 frames (a loaded machine may stretch it).
        Assert.InRange(frames, 2, 30);
    }

    [Fact]
    public async Task AnIdleStreamGetsHeartbeats()
    {
        using var bus = new RunEventBus();
        bus.Start();
        bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "f"));
        bus.Flush();
        await using var server = await StreamServer.StartAsync(bus, b => new StreamEndpointOptions
        {
            Runs = _ => b,
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        });
        using var client = await server.ConnectAsync("?topics=anomalies");
        using var first = await StreamServer.ReceiveTypeAsync(client, "heartbeat", TimeSpan.FromSeconds(5));
        Assert.Equal(0, first.RootElement.GetProperty("dropped").GetInt64());
        Assert.Equal(1, first.RootElement.GetProperty("lastId").GetInt64());
        Assert.True(first.RootElement.TryGetProperty("ts", out _));
        using var second = await StreamServer.ReceiveTypeAsync(client, "heartbeat", TimeSpan.FromSeconds(5));
    }

    /// <summary>Waits a little for everything published so far to be batched, then publishes a marker sample on
    /// <c>pd.door.marker</c> (which the test subscribes to) and reads batches up to it: the topics that came
    /// before the marker, in arrival order. (A cancelled receive would abort the client, so none is cancelled.)</summary>
    private static async Task<List<string>> CollectTopicsAsync(ClientWebSocket client, RunEventBus bus)
    {
        await Task.Delay(300);
        bus.Publish(StreamServer.Sample("pd.door.marker", 0));
        var topics = new List<string>();
        while (true)
        {
            using var frame = await StreamServer.ReceiveTypeAsync(client, "batch");
            foreach (var message in frame.RootElement.GetProperty("messages").EnumerateArray())
            {
                var topic = message.GetProperty("topic").GetString()!;
                if (topic == "pd.door.marker")
                {
                    return topics;
                }

                topics.Add(topic);
            }
        }
    }
}
