using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using TrdpSim.Control;
using TrdpSim.Events;

namespace TrdpSim.Tests.Control;

/// <summary>100 WebSocket clients on one bus, one of which never reads: the stalled one is cut off, the other 99
/// receive every message, and the server's memory stays bounded (each client's queue is).</summary>
[Collection(nameof(StalledClientTests))]
public sealed class StalledClientTests
{
    private const int Clients = 100;
    private const int Events = 1000;

    /// <summary>One client that never reads: the send timeout cuts it off, and it counts as stalled. (Cancelling the
    /// stuck write aborts the connection, which at once cancels the request's token; the session used to take that
    /// token for the server stopping, so the client was gone but counted nowhere.)</summary>
    [Fact]
    public async Task AStalledClientIsCutOffByTheStreamsSendTimeoutAndCountedAsStalled()
    {
        using var bus = new RunEventBus();
        bus.Start();
        var sendTimeout = TimeSpan.FromSeconds(12);
        await using var server = await StreamServer.StartAsync(bus, b => new StreamEndpointOptions { Runs = _ => b, SendTimeout = sendTimeout });
        using var stalled = await ConnectStalledAsync(server);
        await WaitAsync(() => server.Options.Statistics.Active == 1, TimeSpan.FromSeconds(20), () => "the stalled client never became active");
        var big = Encoding.UTF8.GetBytes("{\"topic\":\"pd.big.x\",\"type\":\"sample\",\"pad\":\"" + new string('y', 64 * 1024) + "\"}");
        var blocked = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            bus.Publish(new StreamMessage(0, "pd.big.x", "sample", DateTime.UtcNow, 0, big));
        }

        await WaitAsync(() => server.Options.Statistics.Active == 0, sendTimeout + TimeSpan.FromSeconds(40), () => "the stalled client was never cut off");
        var stats = server.Options.Statistics;
        Assert.True(stats.DisconnectedStalled == 1,
            $"cut off after {blocked.Elapsed.TotalSeconds:0.0} s without being counted: stalled {stats.DisconnectedStalled}, slow {stats.DisconnectedSlow}");
        Assert.True(blocked.Elapsed >= sendTimeout - TimeSpan.FromSeconds(1), $"cut off after {blocked.Elapsed.TotalSeconds:0.0} s, before the send timeout");
    }

    [Fact]
    public async Task AStalledClientIsCutOffWhileTheOthersKeepReceivingEverything()
    {
        using var bus = new RunEventBus();
        bus.Start();
        await using var server = await StreamServer.StartAsync(bus, b => new StreamEndpointOptions
        {
            Runs = _ => b,
            QueueCapacity = 4096,
            SendTimeout = TimeSpan.FromSeconds(5),
        });

        using var stalled = await ConnectStalledAsync(server);
        var readers = new List<(ClientWebSocket Socket, Task<(int Messages, long Dropped)> Reading)>();
        for (var i = 1; i < Clients; i++)
        {
            var socket = await server.ConnectAsync("?topics=run.*");
            readers.Add((socket, ReadAllAsync(socket)));
        }

        await WaitAsync(() => server.Options.Statistics.Active == Clients, TimeSpan.FromSeconds(60), () => $"{server.Options.Statistics.Active} of {Clients} clients connected");
        await Task.Delay(200); // the last ones take their URL topics just after they count as active
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = Environment.WorkingSet;
        var text = new string('x', 900); // ≈ 1 KB a message: 1 MB for each client, enough to fill a stalled socket
        var posting = Stopwatch.StartNew();
        for (var i = 0; i < Events; i++)
        {
            while (!bus.Post(new RunEvent(RunEventKind.ControlAction, bus.Now(), Source: "test", Subject: "t" + (i % 10), Detail: "set", Text: text)))
            {
                await Task.Delay(1);
            }

            if (i % 50 == 49)
            {
                await Task.Delay(100); // ≈ 500 events/s to each of 99 readers: ≈ 50k messages/s in all
            }
        }

        // Socket buffers on loopback grow to a few MB: samples only the stalled client wants fill them for sure
        // (one shared 64 KB payload, so they cost the heap nothing).
        var big = Encoding.UTF8.GetBytes("{\"topic\":\"pd.big.x\",\"type\":\"sample\",\"pad\":\"" + new string('y', 64 * 1024) + "\"}");
        for (var i = 0; i < 200; i++)
        {
            bus.Publish(new StreamMessage(0, "pd.big.x", "sample", DateTime.UtcNow, 0, big));
        }

        bus.Post(new RunEvent(RunEventKind.RunStopped, bus.Now(), Subject: "end"));
        await WaitAsync(() => server.Options.Statistics.DisconnectedStalled + server.Options.Statistics.DisconnectedSlow >= 1, TimeSpan.FromSeconds(60),
            () => $"the stalled client was not cut off; {server.Options.Statistics.MessagesSent} messages sent, {server.Options.Statistics.Active} active");
        var all = Task.WhenAll(readers.Select(r => r.Reading));
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))) != all)
        {
            var stats = server.Options.Statistics;
            Assert.Fail($"readers unfinished: {readers.Count(r => !r.Reading.IsCompleted)}, faulted {readers.Count(r => r.Reading.IsFaulted)} " +
                $"({readers.FirstOrDefault(r => r.Reading.IsFaulted).Reading?.Exception?.InnerException?.Message}); active {stats.Active}, " +
                $"stalled {stats.DisconnectedStalled}, slow {stats.DisconnectedSlow}, sent {stats.MessagesSent}, published {bus.Published}, " +
                $"posted {posting.Elapsed.TotalSeconds:0.0} s");
        }

        var results = await all;
        GC.Collect();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var rssGrowth = Environment.WorkingSet - rssBefore;

        Assert.All(results, r => Assert.Equal((Events, 0L), r)); // every one of the 99 got everything, nothing dropped
        Assert.Equal(1, server.Options.Statistics.DisconnectedStalled + server.Options.Statistics.DisconnectedSlow);
        // The history keeps 1000 messages (≈ 1 MB + JSON); a queue that grew with the stalled client would add more.
        Assert.True(heapAfter - heapBefore < 32L << 20, $"managed heap grew by {(heapAfter - heapBefore) >> 20} MB");
        // RSS also holds the 99 readers' 1 MB buffers and the GC's slack; unbounded queues would add 100+ MB here.
        Assert.True(rssGrowth < 256L << 20, $"RSS grew by {rssGrowth >> 20} MB");
        foreach (var (socket, _) in readers)
        {
            socket.Dispose();
        }
    }

    /// <summary>A WebSocket handshake on a raw socket with a tiny receive buffer, subscribed through the URL, that
    /// never reads again.</summary>
    private static async Task<Socket> ConnectStalledAsync(StreamServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(server.Address.Host, server.Address.Port);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var request = $"GET /api/stream?topics=run.*,pd.big.* HTTP/1.1\r\nHost: {server.Address.Authority}\r\nUpgrade: websocket\r\n" +
            $"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer);
        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString(buffer, 0, received), StringComparison.Ordinal);
        return socket;
    }

    /// <summary>Counts the messages of every batch until the <c>run.stopped</c> that ends the test. Counts in the raw
    /// frames (each message has one <c>"topic":</c>) rather than parsing them: 99 readers share the test's CPU with
    /// the server, and a reader that falls behind would rightly be cut off.</summary>
    private static async Task<(int Messages, long Dropped)> ReadAllAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 20];
        var messages = 0;
        long dropped = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("closed by the server");
            }

            var frame = buffer.AsSpan(0, length);
            if (!frame.StartsWith("{\"type\":\"batch\""u8))
            {
                continue;
            }

            var at = frame.IndexOf("\"dropped\":"u8) + "\"dropped\":".Length;
            System.Buffers.Text.Utf8Parser.TryParse(frame[at..], out long batchDropped, out _);
            dropped = Math.Max(dropped, batchDropped);
            var end = frame.IndexOf("\"type\":\"run.stopped\""u8);
            var counted = end < 0 ? frame : frame[..end];
            messages += CountOf(counted, "\"topic\":"u8);
            if (end >= 0)
            {
                return (messages - 1, dropped); // the run.stopped message's own "topic" comes before its type
            }
        }
    }

    private static int CountOf(ReadOnlySpan<byte> text, ReadOnlySpan<byte> part)
    {
        var count = 0;
        for (var at = text.IndexOf(part); at >= 0; at = text.IndexOf(part))
        {
            count++;
            text = text[(at + part.Length)..];
        }

        return count;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan within, Func<string> what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"after {within.TotalSeconds} s: {what()}");
            await Task.Delay(20);
        }
    }
}

/// <summary>The 100-client test alone: run beside the whole suite on two cores, its readers would be starved by other
/// tests rather than by the server, and the test is about the server.</summary>
[CollectionDefinition(nameof(StalledClientTests), DisableParallelization = true)]
public sealed class StalledClientCollection;
