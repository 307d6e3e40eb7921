using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TrdpSim.Events;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The live telemetry of a run: every <see cref="LiveTelemetryOptions.SampleInterval"/> it reads the
/// counters and histograms and publishes samples on <c>run.stats</c>, <c>pd.&lt;device&gt;.&lt;telegram&gt;</c> and
/// <c>md.&lt;device&gt;.&lt;name&gt;</c>; it also turns counter increases into events (reject bursts, fault strikes)
/// and runs the <see cref="SelfMonitor"/>.</summary>
/// <remarks>
/// <para>Its own thread, never the wheel or a receive thread: it only reads (counters with <c>Volatile</c>,
/// histograms through their reader-side lock). A sample is made only for a topic some subscriber wants, so an
/// unwatched run pays for the event summaries and the self-monitor only; a telegram's percentiles (a pass over
/// its histogram) are refreshed every <see cref="LiveTelemetryOptions.PercentileInterval"/>, counters and rates
/// in every sample.</para>
/// <para>Rejects are never posted per frame: each interval, every reason whose counter grew gives one
/// <c>rejects</c> event with the count, so a flood of bad frames costs one event per reason and interval.</para>
/// </remarks>
public sealed class LiveTelemetry : IDisposable
{
    private readonly RunTelemetry _telemetry;
    private readonly RunEventBus _events;
    private readonly LiveTelemetryOptions _options;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly TelegramTopic[] _telegrams;
    private readonly MdTopic[] _md;
    private readonly long[] _rejects = new long[RejectReasons.Count];
    private readonly Dictionary<FaultTelemetry, long> _strikes = new(ReferenceEqualityComparer.Instance);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Thread? _thread;
    private long _lastSample;
    private long _lastCheck;
    private long _lastSent;
    private long _lastReceived;
    private TimeSpan _lastCpu;
    private long _lastCpuAt;
    private double _cpuShare;

    /// <param name="telemetry">The run's figures.</param>
    /// <param name="events">Where samples and summary events go.</param>
    /// <param name="options">Pace and limits; defaults when null.</param>
    /// <param name="logger">Where the self-monitor warns; none when null.</param>
    /// <param name="shortestCycleNanoseconds">The run's shortest publication cycle, for the self-monitor.</param>
    public LiveTelemetry(RunTelemetry telemetry, RunEventBus events, LiveTelemetryOptions? options = null, ILogger? logger = null,
        long shortestCycleNanoseconds = 0)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(events);
        _telemetry = telemetry;
        _events = events;
        _options = options ?? new LiveTelemetryOptions();
        _telegrams = [.. telemetry.Groups.Select(g => new TelegramTopic(g, EventTopics.ProcessData(g.Device, g.Name)))];
        _md = [.. telemetry.MdGroups.Select(g => new MdTopic(g, EventTopics.MessageData(g.Device, g.Name)))];
        Monitor = new SelfMonitor(telemetry, events, logger ?? NullLogger.Instance, _options, shortestCycleNanoseconds);
        for (var r = 0; r < _rejects.Length; r++)
        {
            _rejects[r] = telemetry.Rejects.Get((RejectReason)r);
        }
    }

    public SelfMonitor Monitor { get; }

    /// <summary>Full collections at a fixed interval, checked with the self-monitor (null: none forced).</summary>
    internal ScheduledFullCollection? FullCollections { get; init; }

    /// <summary>Starts the sampling thread (once).</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        _thread = new Thread(Loop) { IsBackground = true, Name = "trdpsim-live" };
        _thread.Start();
    }

    /// <summary>One round at <paramref name="nowNanoseconds"/>: samples, reject bursts, and — once per check
    /// interval — strike summaries and the self-monitor (the thread calls this; tests call it by hand).</summary>
    public void Tick(long nowNanoseconds)
    {
        var elapsed = _lastSample == 0 ? 0 : (nowNanoseconds - _lastSample) / 1e9;
        _lastSample = nowNanoseconds;
        UpdateCpu(nowNanoseconds);
        PostRejects(nowNanoseconds);
        if (_events.AnyWants(EventTopics.RunStats))
        {
            PublishRunStats(nowNanoseconds, elapsed);
        }

        foreach (var topic in _telegrams)
        {
            if (_events.AnyWants(topic.Name))
            {
                PublishTelegram(topic, nowNanoseconds, elapsed);
            }
        }

        foreach (var topic in _md)
        {
            if (_events.AnyWants(topic.Name))
            {
                PublishMd(topic, nowNanoseconds);
            }
        }

        if (_lastCheck == 0 || nowNanoseconds - _lastCheck >= _options.CheckInterval.ToNanoseconds())
        {
            _lastCheck = nowNanoseconds;
            PostStrikes(nowNanoseconds);
            Monitor.Check(nowNanoseconds);
            FullCollections?.Check(nowNanoseconds);
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread?.Join();
        _stop.Dispose();
    }

    private void Loop()
    {
        BackgroundPriority.LowerCurrentThread(_options.SamplerNice);
        var interval = _options.SampleInterval;
        while (!_stop.Wait(interval))
        {
            try
            {
                Tick(MonotonicClock.NowNanoseconds());
            }
            catch (Exception)
            {
                // A broken sample must not end the run or the stream: counted like any caught engine error.
                Interlocked.Increment(ref _telemetry.EngineErrors);
            }
        }
    }

    private void UpdateCpu(long now)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        // CPU over at least a second: shorter windows are mostly scheduler noise.
        if (_lastCpuAt == 0)
        {
            (_lastCpu, _lastCpuAt) = (cpu, now);
        }
        else if (now - _lastCpuAt >= 1_000_000_000)
        {
            _cpuShare = (double)(cpu - _lastCpu).ToNanoseconds() / (now - _lastCpuAt);
            (_lastCpu, _lastCpuAt) = (cpu, now);
        }
    }

    private void PostRejects(long now)
    {
        for (var r = 0; r < _rejects.Length; r++)
        {
            var count = _telemetry.Rejects.Get((RejectReason)r);
            if (count > _rejects[r])
            {
                _events.Post(new RunEvent(RunEventKind.RejectBurst, now, Subject: RejectReasons.Label((RejectReason)r), Count: count - _rejects[r]));
                _rejects[r] = count;
            }
        }
    }

    private void PostStrikes(long now)
    {
        foreach (var fault in _telemetry.Faults())
        {
            var strikes = Volatile.Read(ref fault.Strikes);
            var before = _strikes.GetValueOrDefault(fault);
            if (strikes > before)
            {
                _events.Post(new RunEvent(RunEventKind.StrikeBurst, now, Subject: fault.Name, Detail: fault.KindName, Count: strikes - before, Value: strikes));
                _strikes[fault] = strikes;
            }
        }
    }

    private void PublishRunStats(long now, double elapsed)
    {
        var totals = new TelegramCounters();
        foreach (var group in _telemetry.Groups)
        {
            totals.Accumulate(group.Totals());
        }

        var lateness = _telemetry.SendLateness.Refresh();
        var json = Begin(EventTopics.RunStats, now);
        json.WriteNumber("sent", totals.Sent);
        json.WriteNumber("received", totals.Received);
        json.WriteNumber("lost", totals.Lost);
        json.WriteNumber("timeouts", totals.Timeouts);
        json.WriteNumber("timedOut", totals.TimedOut);
        json.WriteNumber("sendFailures", totals.SendFailures);
        json.WriteNumber("droppedCycles", totals.DroppedCycles);
        json.WriteNumber("struck", totals.Struck);
        json.WriteNumber("rejected", _telemetry.Rejects.Total());
        json.WriteNumber("engineErrors", Volatile.Read(ref _telemetry.EngineErrors));
        json.WriteNumber("sentPerSecond", Rate(totals.Sent - _lastSent, elapsed));
        json.WriteNumber("receivedPerSecond", Rate(totals.Received - _lastReceived, elapsed));
        _lastSent = totals.Sent;
        _lastReceived = totals.Received;
        json.WritePropertyName("sendLatenessSeconds");
        WriteLatency(json, lateness);
        json.WriteStartObject("cpu");
        json.WriteNumber("cores", Math.Round(_cpuShare, 3));
        json.WriteNumber("available", Environment.ProcessorCount);
        json.WriteEndObject();
        json.WriteNumber("residentBytes", ResidentMemory.Bytes());
        json.WriteStartObject("events");
        json.WriteNumber("published", _events.Published);
        json.WriteNumber("dropped", _events.PostsDropped);
        json.WriteNumber("subscribers", _events.SubscriberCount);
        json.WriteEndObject();
        Publish(EventTopics.RunStats, now);
    }

    private void PublishTelegram(TelegramTopic topic, long now, double elapsed)
    {
        var group = topic.Group;
        var totals = group.Totals();
        var recorder = group.Role == TelegramRole.Subscribe ? group.Jitter : group.Lateness;
        if (topic.PercentilesAt == 0 || now - topic.PercentilesAt >= _options.PercentileInterval.ToNanoseconds())
        {
            topic.Percentiles = recorder.Refresh();
            topic.PercentilesAt = now;
        }

        var json = Begin(topic.Name, now);
        GroupJson.WriteTelegram(json, "telegram", group.Device, group.Name, group.Role, group.FirstComId, group.InstanceCount);
        json.WriteStartObject("counters");
        foreach (var metric in PdCounterMetrics.All)
        {
            if (metric.AppliesTo(group.Role))
            {
                json.WriteNumber(metric.ShortName, metric.Read(totals));
            }
        }

        json.WriteEndObject();
        if (group.Role == TelegramRole.Subscribe)
        {
            json.WriteNumber("timedOut", totals.TimedOut);
        }

        var moved = group.Role == TelegramRole.Subscribe ? totals.Received : totals.Sent;
        json.WriteNumber("perSecond", Rate(moved - topic.LastMoved, elapsed));
        topic.LastMoved = moved;
        json.WriteString("latency", group.Role switch
        {
            TelegramRole.Subscribe => "jitter",
            TelegramRole.Pull => "pull_rtt",
            _ => "send_lateness",
        });
        json.WritePropertyName("latencySeconds");
        WriteLatency(json, topic.Percentiles);
        Publish(topic.Name, now);
    }

    private void PublishMd(MdTopic topic, long now)
    {
        var group = topic.Group;
        if (topic.PercentilesAt == 0 || now - topic.PercentilesAt >= _options.PercentileInterval.ToNanoseconds())
        {
            topic.Percentiles = group.Latency.Refresh();
            topic.PercentilesAt = now;
        }

        var json = Begin(topic.Name, now);
        GroupJson.WriteMd(json, group);
        json.WriteStartObject("events");
        for (var e = 0; e < MdEvents.All.Length; e++)
        {
            if (MdEvents.AppliesTo(e, group.Role))
            {
                json.WriteNumber(MdEvents.All[e].Name, MdEvents.All[e].Read(group.Counters));
            }
        }

        json.WriteEndObject();
        json.WriteNumber("outstanding", Volatile.Read(ref group.Counters.Outstanding));
        json.WritePropertyName("latencySeconds");
        WriteLatency(json, topic.Percentiles);
        Publish(topic.Name, now);
    }

    private static double Rate(long delta, double seconds) => seconds > 0 ? Math.Round(delta / seconds, 1) : 0;

    private static void WriteLatency(Utf8JsonWriter json, LatencySnapshot s)
    {
        json.WriteStartObject();
        json.WriteNumber("count", s.Count);
        foreach (var (key, read) in LatencyFigures.Points)
        {
            json.WriteNumber(key, read(s) / 1e9);
        }
        json.WriteEndObject();
    }

    private Utf8JsonWriter? _json;

    private Utf8JsonWriter Begin(string topic, long now)
    {
        _buffer.Clear();
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_buffer);
        }
        else
        {
            _json.Reset(_buffer);
        }

        RunEventJson.WriteHeader(_json, 0, topic, "sample", _events.ToUtc(now), _events.Seconds(now));
        return _json;
    }

    private void Publish(string topic, long now)
    {
        _json!.WriteEndObject();
        _json.Flush();
        _events.Publish(new StreamMessage(0, topic, "sample", _events.ToUtc(now), now, _buffer.WrittenSpan.ToArray()));
    }

    private sealed class TelegramTopic(TelegramGroup group, string name)
    {
        public TelegramGroup Group { get; } = group;

        public string Name { get; } = name;

        public LatencySnapshot Percentiles { get; set; }

        public long PercentilesAt { get; set; }

        public long LastMoved { get; set; }
    }

    private sealed class MdTopic(MdGroup group, string name)
    {
        public MdGroup Group { get; } = group;

        public string Name { get; } = name;

        public LatencySnapshot Percentiles { get; set; }

        public long PercentilesAt { get; set; }
    }
}
