using System.Text.Json;
using Microsoft.Extensions.Logging;
using TrdpSim.Events;
using TrdpSim.Protocol;
using TrdpSim.Reporting;
using TrdpSim.Telemetry;

namespace TrdpSim.Tests.Reporting;

/// <summary>The live sampler, ticked by hand: samples only for watched topics, rates and percentiles, reject
/// bursts and fault strikes summarised per interval, and the self-monitor's warnings at most once per interval.</summary>
public sealed class LiveTelemetryTests
{
    private const long Ms = 1_000_000;

    private readonly RunTelemetry _telemetry = new("live");
    private readonly TelegramGroup _out;
    private readonly TelegramCounters _sent;
    private long _now = 10_000 * Ms;

    public LiveTelemetryTests()
    {
        _out = _telemetry.AddGroup("a", "out", TelegramRole.Publish, 1000);
        _sent = _out.AddInstance();
        var input = _telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000);
        input.AddInstance().Received = 7;
    }

    [Fact]
    public void OnlyWatchedTopicsAreSampledWithTheirCountersAndRates()
    {
        using var bus = new RunEventBus(monotonicClock: () => _now);
        using var live = new LiveTelemetry(_telemetry, bus, new LiveTelemetryOptions { PercentileInterval = TimeSpan.Zero });
        using var client = bus.Subscribe(TopicFilter.Of(["run.stats", "pd.a.*"]), 64, null, out _);
        live.Tick(_now);
        _sent.Sent = 50;
        _out.Lateness.Record(2 * Ms);
        _now += 100 * Ms;
        live.Tick(_now);

        var samples = Drain(client);
        Assert.Equal(["run.stats", "pd.a.out", "run.stats", "pd.a.out"], samples.Select(s => s.Topic));
        Assert.All(samples, s => Assert.True(s.IsSample));
        using var stats = JsonDocument.Parse(samples[2].Json);
        Assert.Equal("sample", stats.RootElement.GetProperty("type").GetString());
        Assert.Equal(50, stats.RootElement.GetProperty("sent").GetInt64());
        Assert.Equal(500, stats.RootElement.GetProperty("sentPerSecond").GetDouble());
        Assert.Equal(7, stats.RootElement.GetProperty("received").GetInt64());
        using var telegram = JsonDocument.Parse(samples[3].Json);
        var root = telegram.RootElement;
        Assert.Equal("publish", root.GetProperty("role").GetString());
        Assert.Equal(50, root.GetProperty("counters").GetProperty("sent").GetInt64());
        Assert.False(root.GetProperty("counters").TryGetProperty("lost", out _)); // not a publication's figure
        Assert.Equal("send_lateness", root.GetProperty("latency").GetString());
        Assert.Equal(0.002, root.GetProperty("latencySeconds").GetProperty("p99").GetDouble(), 4);
        Assert.Equal(0, bus.NewestId); // samples are not events
    }

    [Fact]
    public void RejectsAreOneEventPerReasonAndIntervalNotOnePerFrame()
    {
        using var bus = new RunEventBus(monotonicClock: () => _now);
        using var live = new LiveTelemetry(_telemetry, bus);
        live.Tick(_now);
        for (var i = 0; i < 1000; i++)
        {
            _telemetry.Rejects.Increment(RejectReason.BadFcs);
        }

        _telemetry.Rejects.Increment(RejectReason.NoSubscription);
        _now += 100 * Ms;
        live.Tick(_now);
        _now += 100 * Ms;
        live.Tick(_now); // nothing new: no event

        bus.Flush(); // no pump thread in these tests
        using var all = bus.Subscribe(TopicFilter.All, 64, CatchUpRequest.AfterEvent(0), out var history);
        var rejects = history!.Messages.Where(m => m.Type == RunEventKinds.Name(RunEventKind.RejectBurst)).Select(Json).ToList();
        Assert.Equal([("bad_fcs", 1000L), ("no_subscription", 1L)], rejects.Select(e => (e.GetProperty("reason").GetString()!, e.GetProperty("frames").GetInt64())));
    }

    [Fact]
    public void FaultStrikesAreSummarisedOnceAnInterval()
    {
        using var bus = new RunEventBus(monotonicClock: () => _now);
        using var live = new LiveTelemetry(_telemetry, bus, new LiveTelemetryOptions { CheckInterval = TimeSpan.FromSeconds(1) });
        var fault = new TestFault();
        _telemetry.AddFault(fault);
        live.Tick(_now);
        fault.Strikes = 40;
        for (var i = 0; i < 10; i++)
        {
            _now += 100 * Ms;
            live.Tick(_now);
        }

        bus.Flush(); // no pump thread in these tests
        using var all = bus.Subscribe(TopicFilter.All, 64, CatchUpRequest.AfterEvent(0), out var history);
        var strike = Assert.Single(history!.Messages, m => m.Type == "fault.strikes");
        Assert.Equal(40, Json(strike).GetProperty("strikes").GetInt64());
    }

    [Fact]
    public void TheSelfMonitorWarnsOncePerIntervalAndPostsAnOverloadEvent()
    {
        using var bus = new RunEventBus(monotonicClock: () => _now);
        var logger = new ListLogger();
        var options = new LiveTelemetryOptions { WarningInterval = TimeSpan.FromSeconds(30) };
        var monitor = new SelfMonitor(_telemetry, bus, logger, options, shortestCycleNanoseconds: 10 * Ms);
        var late = new LatencySnapshot(100, 1 * Ms, 4 * Ms, 6 * Ms, 8 * Ms, 9 * Ms, 2e6);
        var fine = new LatencySnapshot(100, 1 * Ms, 2 * Ms, 3 * Ms, 4 * Ms, 5 * Ms, 1e6);
        monitor.Evaluate(_now, fine, 0.5, 0, 0);
        monitor.Evaluate(_now + (1000 * Ms), late, 0.95, 12, 3);
        monitor.Evaluate(_now + (2000 * Ms), late, 0.95, 12, 3); // within the interval: silent
        monitor.Evaluate(_now + (40_000 * Ms), late, 0.5, 0, 0);

        Assert.Equal([2L, 1L, 1L, 1L], Enumerable.Range(0, 4).Select(monitor.Warnings));
        Assert.Equal(5, logger.Lines.Count);
        Assert.All(logger.Lines, l => Assert.StartsWith("Warning generator overloaded (", l, StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("send lateness p99 6000 µs", StringComparison.Ordinal));
        bus.Flush();
        using var all = bus.Subscribe(TopicFilter.Of(["anomalies"]), 64, CatchUpRequest.AfterEvent(0), out var history);
        Assert.Equal(["send_lateness", "cpu", "receive_drops", "dropped_cycles", "send_lateness"], history!.Messages.Select(m => Json(m).GetProperty("condition").GetString()));
    }

    private static List<StreamMessage> Drain(EventSubscription subscription)
    {
        var list = new List<StreamMessage>();
        while (subscription.Reader.TryRead(out var message))
        {
            list.Add(message);
        }

        return list;
    }

    private sealed class TestFault : FaultTelemetry
    {
        public override string Name => "door-loss";

        public override string KindName => "loss";

        public override string TargetText => "doors/status";

        public override int TargetCount => 1;
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(logLevel + " " + formatter(state, exception));
    }

    // Catch-up messages are rebuilt from the history's JSON: read what a client reads.
    private static JsonElement Json(StreamMessage message)
    {
        using var json = JsonDocument.Parse(message.Json);
        return json.RootElement.Clone();
    }
}
