using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TrdpSim.Control;
using TrdpSim.Events;

namespace TrdpSim.Tests.Control;

/// <summary><c>/api/events</c> (SSE: ids, event names, <c>Last-Event-ID</c>, heartbeat comments), NDJSON ingest with
/// good and bad lines, and the app's token check on all three endpoints.</summary>
public sealed class SseAndIngestTests
{
    [Fact]
    public async Task SseResumesAfterLastEventIdAndNamesEachEventByItsTopic()
    {
        using var bus = new RunEventBus();
        bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "f1"));
        bus.Post(new RunEvent(RunEventKind.FaultInjected, bus.Now(), Subject: "f2"));
        bus.Post(new RunEvent(RunEventKind.Timeout, bus.Now(), Device: "d", Telegram: "t"));
        bus.Flush();
        bus.Start();
        await using var server = await StreamServer.StartAsync(bus, b => new StreamEndpointOptions
        {
            Runs = _ => b,
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        });
        using var http = new HttpClient { BaseAddress = server.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/events?topics=faults,anomalies");
        request.Headers.Add("Last-Event-ID", "1");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = await ReadEventsAsync(reader, 3);
        Assert.Equal("subscribed", events[0].Event);
        Assert.Equal(2, JsonDocument.Parse(events[0].Data).RootElement.GetProperty("catchUp").GetProperty("events").GetInt32());
        Assert.Equal([("2", "faults"), ("3", "anomalies")], events.Skip(1).Select(e => (e.Id!, e.Event)));
        Assert.Equal("f2", JsonDocument.Parse(events[1].Data).RootElement.GetProperty("fault").GetString());

        bus.Post(new RunEvent(RunEventKind.FaultRepaired, bus.Now(), Subject: "f1"));
        var live = Assert.Single(await ReadEventsAsync(reader, 1));
        Assert.Equal("4", live.Id);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && !line.StartsWith(": heartbeat", StringComparison.Ordinal));
        Assert.NotNull(line);
    }

    [Fact]
    public async Task SseRefusesABadTopicOrAnUnknownRunWithAReason()
    {
        using var bus = new RunEventBus();
        await using var server = await StreamServer.StartAsync(bus);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var bad = await http.GetAsync("api/events?topics=pd..x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("empty segment", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await http.GetAsync("api/events?run=nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var notWebSocket = await http.GetAsync("api/stream");
        Assert.Equal(HttpStatusCode.BadRequest, notWebSocket.StatusCode);
    }

    [Fact]
    public async Task IngestKeepsGoodLinesAndNamesBadOnesByLineNumber()
    {
        using var bus = new RunEventBus();
        await using var server = await StreamServer.StartAsync(bus);
        using var http = new HttpClient { BaseAddress = server.Address };
        var at = DateTime.UtcNow.AddSeconds(-2);
        var body = $$"""
            {"ts":"{{RunEventJson.FormatTimestamp(at)}}","source":"bench","name":"brakePressure","value":4.2}
            {"name":"x","value":"high"}
            {"kind":"log","level":"warn","text":"door 3 blocked"}
            not json

            {"name":"operator pressed emergency stop","device":"doors"}
            """;
        using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
        using var response = await http.PostAsync("api/runs/r1/ingest", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = reply.RootElement;
        Assert.Equal(3, root.GetProperty("accepted").GetInt32());
        Assert.Equal(2, root.GetProperty("rejected").GetInt32());
        var errors = root.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2, 4], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Contains("'value' must be a finite number", errors[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("not JSON", errors[1].GetProperty("error").GetString(), StringComparison.Ordinal);

        bus.Flush();
        using var history = bus.Subscribe(TopicFilter.Of(["run.ingest"]), 16, CatchUpRequest.AfterEvent(0), out var caughtUp);
        Assert.Equal(["brakePressure", null, "operator pressed emergency stop"], caughtUp!.Messages.Select(NameOf));
        Assert.Equal(at.Ticks / 10, caughtUp.Messages[0].Utc.Ticks / 10); // the line's own time, to the microsecond

        using var none = new StringContent("{\"nope\":1}\n", Encoding.UTF8, "application/x-ndjson");
        using var allBad = await http.PostAsync("api/runs/r1/ingest", none);
        Assert.Equal(HttpStatusCode.BadRequest, allBad.StatusCode);
        using var other = new StringContent("{}\n", Encoding.UTF8, "application/x-ndjson");
        using var unknown = await http.PostAsync("api/runs/r2/ingest", other);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AnIngestBodyIsNotCappedByKestrelsDefaultButByTheOptionWhenSet()
    {
        using var bus = new RunEventBus(new RunEventBusOptions { PostCapacity = 1 << 17 });
        await using var unlimited = await StreamServer.StartAsync(bus);
        // 31 MB of lines: just past Kestrel's 30 MB default body limit, which an hours-long ingest stream would hit.
        var line = "{\"name\":\"" + new string('n', 100) + "\",\"value\":1}\n";
        var lines = (31 << 20) / line.Length;
        var body = new byte[lines * line.Length];
        for (var i = 0; i < lines; i++)
        {
            Encoding.UTF8.GetBytes(line, body.AsSpan(i * line.Length));
        }

        using var http = new HttpClient { BaseAddress = unlimited.Address, Timeout = TimeSpan.FromMinutes(2) };
        var drain = Task.Run(async () =>
        {
            while (bus.Published < lines)
            {
                bus.Flush();
                await Task.Delay(5);
            }
        });
        using var big = new ByteArrayContent(body);
        using var response = await http.PostAsync("api/runs/r1/ingest", big);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(lines, reply.RootElement.GetProperty("accepted").GetInt32());
        }

        await drain.WaitAsync(TimeSpan.FromSeconds(30));

        await using var capped = await StreamServer.StartAsync(bus, b => new StreamEndpointOptions { Runs = _ => b, MaxIngestBodyBytes = 1000 });
        using var small = new HttpClient { BaseAddress = capped.Address };
        using var tooLong = await small.PostAsync("api/runs/r1/ingest", new ByteArrayContent(body.AsMemory(0, 20 * line.Length).ToArray()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
        Assert.Contains("longer than 1000 bytes", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppsTokenCheckGuardsEveryEndpointAndStreamsAlsoTakeTheTokenFromTheQuery()
    {
        using var bus = new RunEventBus();
        await using var server = await StreamServer.StartAsync(bus, b => new StreamEndpointOptions
        {
            Runs = _ => b,
            Authorize = (_, token) => token == "s3cret",
        });
        using var http = new HttpClient { BaseAddress = server.Address };
        using var none = await http.GetAsync("api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var query = await http.GetAsync("api/events?access_token=s3cret", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);

        using var ingestByQuery = await http.PostAsync("api/runs/x/ingest?access_token=s3cret", new StringContent("{}\n"));
        Assert.Equal(HttpStatusCode.Unauthorized, ingestByQuery.StatusCode); // ingest takes the header only
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/runs/x/ingest") { Content = new StringContent("{\"name\":\"a\"}\n") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        using var ingest = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);

        using var client = new System.Net.WebSockets.ClientWebSocket();
        await client.ConnectAsync(server.WebSocketUri("?access_token=s3cret&topics=faults"), CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.State);
    }

    private static async Task<List<SseEvent>> ReadEventsAsync(StreamReader reader, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<SseEvent>();
        string? id = null;
        string? name = null;
        string? data = null;
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("stream ended");
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    events.Add(new SseEvent(id, name, data ?? string.Empty));
                }

                (id, name, data) = (null, null, null);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return events;
    }

    // Catch-up messages are rebuilt from the history's JSON: read what a client reads.
    private static string? NameOf(StreamMessage message)
    {
        using var json = JsonDocument.Parse(message.Json);
        return json.RootElement.TryGetProperty("name", out var name) ? name.GetString() : null;
    }

    private sealed record SseEvent(string? Id, string Event, string Data);
}
