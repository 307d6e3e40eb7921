using Prometheus;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Publishes a run's statistics in a private prometheus-net registry, refreshed at scrape time.</summary>
/// <remarks>
/// Nothing on the hot path touches prometheus-net: counters live in <see cref="TelegramCounters"/> and
/// are copied into the registry by a before-collect callback. Label cardinality is bounded: one series
/// per configured telegram (a plan entry, however many instances it expands to), at most
/// <see cref="MaxLabelledGroups"/>; further groups are summed into <c>telegram="_other"</c>. A telegram
/// has only the series its role can move (<see cref="PdCounterMetrics"/>). Reject reasons are a fixed set. The registry is private, so the default process/runtime collectors (whose
/// output fails <c>promtool check metrics</c>) are absent; the few process figures that matter for soak
/// runs (RSS, GC counts, allocated bytes) are exported explicitly.
/// </remarks>
internal sealed class PrometheusExporter
{
    /// <summary>Most telegram groups that get their own label value.</summary>
    public const int MaxLabelledGroups = 500;

    private static readonly double[] Quantiles = [0.5, 0.9, 0.99, 0.999];
    // "percentile", not "quantile": promtool reserves the quantile label for the summary type, and a
    // summary would make prometheus-net compute its own quantiles per telegram on the hot path.
    private static readonly string[] QuantileLabels = ["50", "90", "99", "99.9"];

    private readonly RunTelemetry _telemetry;
    private readonly List<GroupSeries> _series = [];
    private readonly List<MdSeries> _mdSeries = [];
    private readonly TcpMetrics _tcp;
    private readonly UdpMetrics _udp;
    private readonly DutStatisticsMetrics _dutStatistics;
    private readonly RedundancyMetrics _redundancy;
    private readonly PathMetrics _paths;
    private readonly Counter.Child[] _rejects = new Counter.Child[RejectReasons.Count];
    private readonly Counter _faultStrikes;
    private readonly Dictionary<(string Name, string Kind), Counter.Child> _faultSeries = [];
    private readonly Dictionary<(string Name, string Kind), long> _faultTotals = [];
    private readonly Counter _datagrams;
    private readonly Counter _engineErrors;
    private readonly Counter.Child[] _statisticsReplies;
    private readonly Counter _statisticsDuplicates;
    private readonly Counter _mdUnmatchedReplies;
    private readonly Gauge.Child[] _wheelLateness;
    private readonly Gauge _rss;
    private readonly Gauge _heap;
    private readonly Gauge _gen2;
    private readonly Gauge _fullHeap;
    private readonly Gauge _fullFragmented;
    private readonly Counter _allocated;
    private readonly Counter _gcPause;
    private readonly Counter.Child[] _gcCollections;
    private readonly LatencyHistogramSeries _wheelHistogram;
    private readonly Counter.Child[] _processCpu;
    private readonly Counter.Child[] _threadCpu;
    private readonly Counter.Child[] _threadWait;
    private readonly Counter.Child[] _stalls;
    private readonly Counter.Child[] _stallSeconds;
    private readonly Counter _stalledSeconds;
    private readonly Gauge _stallLongest;
    private readonly Counter.Child[] _stallSamples;
    private readonly Lock _collectLock = new();

    public PrometheusExporter(RunTelemetry telemetry)
    {
        _telemetry = telemetry;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        string[] groupLabels = ["device", "telegram", "role"];

        var counters = Array.ConvertAll(PdCounterMetrics.All, metric => factory.CreateCounter(metric.Name, metric.Help, groupLabels));
        var timedOut = factory.CreateGauge("trdpsim_pd_timed_out_instances", "Subscription instances currently timed out.", groupLabels);
        var instances = factory.CreateGauge("trdpsim_pd_instances", "Telegram instances of the configured telegram.", groupLabels);
        // One latency family per role, each named for what it measures.
        Gauge[] latencies =
        [
            factory.CreateGauge("trdpsim_pd_send_lateness_seconds", "Publication send lateness (actual - intended send time) percentiles since start.", [.. groupLabels, "percentile"]),
            factory.CreateGauge("trdpsim_pd_jitter_seconds", "Subscription inter-arrival jitter |interval - cycle| percentiles since start.", [.. groupLabels, "percentile"]),
            factory.CreateGauge("trdpsim_pd_pull_rtt_seconds", "Pull round trip ('Pr' sent to 'Pp' received) percentiles since start.", [.. groupLabels, "percentile"]),
        ];

        var switchoverGap = factory.CreateGauge("trdpsim_pd_switchover_gap_seconds", "Subscriptions with a redundant pair of sources: gap from the old source's last telegram to the new one's first, percentiles since start.", [.. groupLabels, "percentile"]);
        // The same figures as fixed-bucket histograms, so histogram_quantile works over any window; "_other"
        // gets one too (histograms add up). Named apart from the gauges: one family name, one type.
        Histogram[] distributions =
        [
            factory.CreateHistogram("trdpsim_pd_send_lateness_distribution_seconds", "Publication send lateness (actual - intended send time), buckets since start.", LatencyHistogramSeries.Configuration(groupLabels)),
            factory.CreateHistogram("trdpsim_pd_jitter_distribution_seconds", "Subscription inter-arrival jitter |interval - cycle|, buckets since start.", LatencyHistogramSeries.Configuration(groupLabels)),
            factory.CreateHistogram("trdpsim_pd_pull_rtt_distribution_seconds", "Pull round trip ('Pr' sent to 'Pp' received), buckets since start.", LatencyHistogramSeries.Configuration(groupLabels)),
        ];

        var byLabel = new Dictionary<string, GroupSeries>(StringComparer.Ordinal);
        for (var i = 0; i < telemetry.Groups.Count; i++)
        {
            var group = telemetry.Groups[i];
            var role = group.Role.ToString().ToLowerInvariant();
            var telegram = i < MaxLabelledGroups ? group.Name : "_other";
            var device = i < MaxLabelledGroups ? group.Device : "_other";
            var key = device + "\0" + telegram + "\0" + role;
            if (!byLabel.TryGetValue(key, out var series))
            {
                string[] values = [device, telegram, role];
                var applicable = new List<(Counter.Child, Func<TelegramCounters, long>)>();
                for (var m = 0; m < counters.Length; m++)
                {
                    if (PdCounterMetrics.All[m].AppliesTo(group.Role))
                    {
                        applicable.Add((counters[m].WithLabels(values), PdCounterMetrics.All[m].Read));
                    }
                }

                series = new GroupSeries(
                    [.. applicable],
                    group.Role == TelegramRole.Subscribe ? timedOut.WithLabels(values) : null,
                    instances.WithLabels(values),
                    i < MaxLabelledGroups ? QuantileChildren(latencies[(int)group.Role], values) : null,
                    i < MaxLabelledGroups && group.Role == TelegramRole.Subscribe ? () => QuantileChildren(switchoverGap, values) : null,
                    new LatencyHistogramSeries(distributions[(int)group.Role].WithLabels(values)));
                byLabel.Add(key, series);
                _series.Add(series);
            }

            series.Groups.Add(group);
            series.Distribution.Add(group.Role == TelegramRole.Subscribe ? group.Jitter : group.Lateness);
        }

        var mdEvents = factory.CreateCounter("trdpsim_md_events_total", "MD outcomes and events per caller/replier (fixed event set).", "device", "name", "role", "event");
        var mdOutstanding = factory.CreateGauge("trdpsim_md_outstanding_sessions", "MD sessions open now.", "device", "name", "role");
        var mdLatency = factory.CreateGauge("trdpsim_md_latency_seconds", "Caller: round trip from the intended send time; replier: measured reply delay. Percentiles since start.", "device", "name", "role", "percentile");
        var mdDistribution = factory.CreateHistogram("trdpsim_md_latency_distribution_seconds", "Caller: round trip from the intended send time; replier: measured reply delay. Buckets since start.",
            LatencyHistogramSeries.Configuration(["device", "name", "role"]));
        var mdConfigured = factory.CreateGauge("trdpsim_md_configured_delay_seconds", "Replier: the configured reply-delay distribution's percentiles.", "device", "name", "percentile");
        foreach (var group in telemetry.MdGroups)
        {
            var role = group.Role == MdRole.Caller ? "caller" : "replier";
            // Only the events of the group's role: a caller never sends a reply, a replier never calls.
            var events = new List<(Counter.Child, Func<MdCounters, long>)>();
            for (var e = 0; e < MdEvents.All.Length; e++)
            {
                if (MdEvents.AppliesTo(e, group.Role))
                {
                    events.Add((mdEvents.WithLabels(group.Device, group.Name, role, MdEvents.All[e].Name), MdEvents.All[e].Read));
                }
            }

            var latency = new Gauge.Child[QuantileLabels.Length];
            for (var q = 0; q < latency.Length; q++)
            {
                latency[q] = mdLatency.WithLabels(group.Device, group.Name, role, QuantileLabels[q]);
                if (group.ConfiguredQuantile is { } configured)
                {
                    mdConfigured.WithLabels(group.Device, group.Name, QuantileLabels[q]).Set(configured(Quantiles[q]) / 1e9);
                }
            }

            var distribution = new LatencyHistogramSeries(mdDistribution.WithLabels(group.Device, group.Name, role));
            distribution.Add(group.Latency);
            _mdSeries.Add(new MdSeries(group, [.. events], mdOutstanding.WithLabels(group.Device, group.Name, role), latency, distribution));
        }

        _mdUnmatchedReplies = factory.CreateCounter("trdpsim_md_unmatched_replies_total",
            "MD replies ('Mp'/'Mq'/'Me') whose session id no caller of the receiving device issued: dropped. A reply to a caller's ended session is that caller's late_replies_received event.");
        _tcp = new TcpMetrics(factory, telemetry.TcpEndpoints);
        _udp = new UdpMetrics(factory, telemetry);
        _dutStatistics = new DutStatisticsMetrics(factory, telemetry);
        _redundancy = new RedundancyMetrics(factory, telemetry, QuantileLabels);
        _paths = new PathMetrics(factory, telemetry);
        var rejects = factory.CreateCounter("trdpsim_rx_rejected_total", "Received datagrams dropped before a subscription, by reason.", "reason");
        for (var r = 0; r < RejectReasons.Count; r++)
        {
            _rejects[r] = rejects.WithLabels(RejectReasons.Label((RejectReason)r));
        }

        _faultStrikes = factory.CreateCounter("trdpsim_fault_strikes_total", "Frames, sessions or cycles changed by each injected fault.", "fault", "kind");
        _datagrams = factory.CreateCounter("trdpsim_rx_datagrams_total", "Datagrams received by all receive loops, valid or not.");
        var statisticsReplies = factory.CreateCounter("trdpsim_pd_statistics_replies_total", "Statistics pulls (ComId 31) answered by the virtual devices, by outcome.", "outcome");
        _statisticsReplies = [statisticsReplies.WithLabels("sent"), statisticsReplies.WithLabels("send_failed")];
        _statisticsDuplicates = factory.CreateCounter("trdpsim_pd_statistics_duplicates_total", "Statistics pulls ignored: same (or older) sequence counter as the last one from the same source, as TCNopen does.");
        _engineErrors = factory.CreateCounter("trdpsim_engine_errors_total", "Errors caught inside the engine's threads (the run went on).");
        var wheelLateness = factory.CreateGauge("trdpsim_wheel_lateness_seconds", "Timing-wheel wake-up lateness percentiles since start.", "percentile");
        _wheelLateness = Array.ConvertAll(QuantileLabels, label => wheelLateness.WithLabels(label));
        _wheelHistogram = new LatencyHistogramSeries(factory.CreateHistogram("trdpsim_wheel_lateness_distribution_seconds",
            "Timing-wheel wake-up lateness, buckets since start.", LatencyHistogramSeries.Configuration([])));
        _wheelHistogram.Add(telemetry.WheelLateness);
        _rss = factory.CreateGauge("trdpsim_process_resident_memory_bytes", "Resident set size of the trdpsim process.");
        _heap = factory.CreateGauge("trdpsim_gc_heap_bytes", "Bytes in the managed heap after the last collection.");
        _gen2 = factory.CreateGauge("trdpsim_gc_gen2_bytes", "Bytes in generation 2 after the last collection: everything promoted, alive or not, until the next full collection.");
        _fullHeap = factory.CreateGauge("trdpsim_gc_full_heap_bytes", "Bytes in the managed heap after the last full (generation-2) collection: what was alive then (0 before the first).");
        _fullFragmented = factory.CreateGauge("trdpsim_gc_full_fragmented_bytes", "Free space inside the managed heap after the last full collection.");
        _allocated = factory.CreateCounter("trdpsim_gc_allocated_bytes_total", "Bytes allocated on the managed heap since start.");
        _gcPause = factory.CreateCounter("trdpsim_gc_pause_seconds_total",
            "Time the garbage collector held every managed thread (the wheel included) since start.");
        var gcCollections = factory.CreateCounter("trdpsim_gc_collections_total", "Garbage collections since start, by generation.", "generation");
        _gcCollections = new Counter.Child[GC.MaxGeneration + 1];
        for (var g = 0; g < _gcCollections.Length; g++)
        {
            _gcCollections[g] = gcCollections.WithLabels(g.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        factory.CreateGauge("trdpsim_run_info", "Constant 1, labelled with the run name.", "run").WithLabels(telemetry.RunName).Set(1);
        var processCpu = factory.CreateCounter("trdpsim_process_cpu_seconds_total", "CPU time of the trdpsim process, by mode.", "mode");
        _processCpu = [processCpu.WithLabels("user"), processCpu.WithLabels("system")];
        var consumers = Enum.GetValues<CpuConsumer>();
        var threadCpu = factory.CreateCounter("trdpsim_thread_cpu_seconds_total", "CPU time of trdpsim's threads by kind (wheel, receive, scripts, http = thread pool and HTTP, other = runtime and ended threads, capture = the writer of a --record).", "thread");
        var threadWait = factory.CreateCounter("trdpsim_thread_run_queue_wait_seconds_total", "Time trdpsim's live threads were runnable but waited for a CPU, by kind: how much the host held them back.", "thread");
        _threadCpu = Array.ConvertAll(consumers, c => threadCpu.WithLabels(c.ToString().ToLowerInvariant()));
        _threadWait = Array.ConvertAll(consumers, c => threadWait.WithLabels(c.ToString().ToLowerInvariant()));
        StallSources[] sources = [StallSources.Wheel, StallSources.PdReceive, StallSources.MdReceive, StallSources.Scripts];
        var stalls = factory.CreateCounter("trdpsim_stalls_total", "Stalls of trdpsim's own threads (back later than promised by the stall threshold), by kind of thread.", "source");
        var stallSeconds = factory.CreateCounter("trdpsim_stall_seconds_total", "Time trdpsim's own threads were stalled, by kind of thread.", "source");
        _stalls = Array.ConvertAll(sources, source => stalls.WithLabels(SummaryTable.SourceName(source)));
        _stallSeconds = Array.ConvertAll(sources, source => stallSeconds.WithLabels(SummaryTable.SourceName(source)));
        _stalledSeconds = factory.CreateCounter("trdpsim_stalled_seconds_total", "Time trdpsim itself was stalled: the union of every own thread's stalls (a host freeze counts once).");
        _stallLongest = factory.CreateGauge("trdpsim_stall_longest_seconds", "Longest stretch trdpsim itself was stalled.");
        var stallSamples = factory.CreateCounter("trdpsim_self_inflicted_samples_total", "Jitter samples and MD round trips that overlapped a stall of trdpsim's own threads (kept apart from the device's figures).", "kind");
        _stallSamples = [stallSamples.WithLabels("jitter"), stallSamples.WithLabels("round_trip")];

        Registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>The registry to serve (see <c>Control.MetricsServer</c>).</summary>
    public CollectorRegistry Registry { get; }

    private static Gauge.Child[] QuantileChildren(Gauge gauge, string[] values)
    {
        var children = new Gauge.Child[QuantileLabels.Length];
        for (var q = 0; q < QuantileLabels.Length; q++)
        {
            children[q] = gauge.WithLabels(values[0], values[1], values[2], QuantileLabels[q]);
        }

        return children;
    }

    private void Update()
    {
        lock (_collectLock)
        {
            foreach (var series in _series)
            {
                series.Update();
            }

            foreach (var md in _mdSeries)
            {
                md.Update();
            }

            _tcp.Update();
            _udp.Update();
            _dutStatistics.Update();
            _redundancy.Update();
            _paths.Update();

            for (var r = 0; r < RejectReasons.Count; r++)
            {
                _rejects[r].IncTo(_telemetry.Rejects.Get((RejectReason)r));
            }

            UpdateFaults();
            _datagrams.IncTo(Volatile.Read(ref _telemetry.DatagramsReceived));
            _engineErrors.IncTo(Volatile.Read(ref _telemetry.EngineErrors));
            _statisticsReplies[0].IncTo(Volatile.Read(ref _telemetry.StatisticsReplies));
            _statisticsReplies[1].IncTo(Volatile.Read(ref _telemetry.StatisticsReplyFailures));
            _statisticsDuplicates.IncTo(Volatile.Read(ref _telemetry.StatisticsDuplicates));
            _mdUnmatchedReplies.IncTo(Volatile.Read(ref _telemetry.MdUnmatchedReplies));
            SetQuantiles(_wheelLateness, _telemetry.WheelLateness.Refresh());
            _wheelHistogram.Update();
            UpdateCpuAndStalls();

            _rss.Set(ResidentMemory.Bytes());
            GcHeapFigures gcHeap = GcHeapFigures.Take();
            _heap.Set(gcHeap.LastHeapBytes);
            _gen2.Set(gcHeap.Gen2Bytes);
            _fullHeap.Set(gcHeap.FullHeapBytes);
            _fullFragmented.Set(gcHeap.FullFragmentedBytes);
            _allocated.IncTo(GC.GetTotalAllocatedBytes());
            _gcPause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
            for (var g = 0; g < _gcCollections.Length; g++)
            {
                _gcCollections[g].IncTo(GC.CollectionCount(g));
            }
        }
    }

    /// <summary>Process and per-thread CPU, and the stalls of trdpsim's own threads.</summary>
    private void UpdateCpuAndStalls()
    {
        var cpu = CpuSample.Take();
        _processCpu[0].IncTo(cpu.UserNanoseconds / 1e9);
        _processCpu[1].IncTo(cpu.SystemNanoseconds / 1e9);
        for (var i = 0; i < _threadCpu.Length; i++)
        {
            _threadCpu[i].IncTo(cpu.ConsumerCpuNanoseconds[i] / 1e9);
            _threadWait[i].IncTo(cpu.ConsumerWaitNanoseconds[i] / 1e9);
        }

        var stalls = _telemetry.Stalls.Totals();
        for (var i = 0; i < _stalls.Length; i++)
        {
            _stalls[i].IncTo(stalls.BySource[i].Count);
            _stallSeconds[i].IncTo(stalls.BySource[i].TotalNanoseconds / 1e9);
        }

        _stalledSeconds.IncTo(stalls.TotalNanoseconds / 1e9);
        _stallLongest.Set(stalls.LongestNanoseconds / 1e9);
        _stallSamples[0].IncTo(_telemetry.StallJitter.Refresh().Count);
        _stallSamples[1].IncTo(_telemetry.StallRoundTrips.Refresh().Count);
    }

    /// <summary>Strikes per (fault, kind); a name injected again after a repair adds to the same series,
    /// so the counter never goes down. Series are created at scrape time: faults come and go at runtime.</summary>
    private void UpdateFaults()
    {
        var faults = _telemetry.Faults();
        if (faults.Length == 0)
        {
            return;
        }

        var totals = _faultTotals;
        totals.Clear();
        foreach (var fault in faults)
        {
            var key = (fault.Name, fault.KindName);
            totals[key] = totals.GetValueOrDefault(key) + Volatile.Read(ref fault.Strikes);
        }

        foreach (var (key, strikes) in totals)
        {
            if (!_faultSeries.TryGetValue(key, out var child))
            {
                child = _faultStrikes.WithLabels(key.Item1, key.Item2);
                _faultSeries.Add(key, child);
            }

            child.IncTo(strikes);
        }
    }

    /// <summary>Sets one gauge per <see cref="Quantiles"/> entry, in seconds.</summary>
    private static void SetQuantiles(Gauge.Child[] children, LatencySnapshot snapshot)
    {
        for (var q = 0; q < children.Length; q++)
        {
            children[q].Set(Value(snapshot, q) / 1e9);
        }
    }

    private static long Value(LatencySnapshot s, int q) => q switch
    {
        0 => s.P50,
        1 => s.P90,
        2 => s.P99,
        _ => s.P999,
    };

    /// <param name="counters">The counters that apply to the role, each with its reader.</param>
    /// <param name="timedOut">Subscriptions only.</param>
    /// <param name="instances">Instances of the configured telegram(s).</param>
    /// <param name="latency">Send lateness, jitter or pull round trip by role; null under <c>_other</c>.</param>
    /// <param name="switchoverGapSeries">Subscriptions with their own label: makes the switchover gap series.</param>
    /// <param name="distribution">The same figure as a histogram (also under <c>_other</c>).</param>
    private sealed class GroupSeries((Counter.Child Child, Func<TelegramCounters, long> Read)[] counters, Gauge.Child? timedOut,
        Gauge.Child instances, Gauge.Child[]? latency, Func<Gauge.Child[]>? switchoverGapSeries, LatencyHistogramSeries distribution)
    {
        // Made at the first switchover: most subscriptions never see one, and four idle series each would be noise.
        private Gauge.Child[]? _switchoverGap;

        public List<TelegramGroup> Groups { get; } = [];

        public LatencyHistogramSeries Distribution { get; } = distribution;

        public void Update()
        {
            var total = new TelegramCounters();
            var count = 0;
            foreach (var group in Groups)
            {
                total.Accumulate(group.Totals());
                count += group.InstanceCount;
            }

            foreach (var (child, read) in counters)
            {
                child.IncTo(read(total));
            }

            timedOut?.Set(total.TimedOut);
            instances.Set(count);
            Distribution.Update();
            // Quantile series exist only for groups that have their own label (never for "_other").
            if (latency is not null && Groups.Count == 1)
            {
                var group = Groups[0];
                SetQuantiles(latency, (group.Role == TelegramRole.Subscribe ? group.Jitter : group.Lateness).Refresh());
            }

            if (switchoverGapSeries is not null && Groups.Count == 1 && total.Switchovers > 0)
            {
                _switchoverGap ??= switchoverGapSeries();
                SetQuantiles(_switchoverGap, Groups[0].SwitchoverGap.Refresh());
            }
        }
    }

    private sealed class MdSeries(MdGroup group, (Counter.Child Child, Func<MdCounters, long> Read)[] events, Gauge.Child outstanding, Gauge.Child[] latency,
        LatencyHistogramSeries distribution)
    {
        public void Update()
        {
            foreach (var (child, read) in events)
            {
                child.IncTo(read(group.Counters));
            }

            outstanding.Set(Volatile.Read(ref group.Counters.Outstanding));
            SetQuantiles(latency, group.Latency.Refresh());
            distribution.Update();
        }
    }
}
