using System.Globalization;
using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;

namespace TrdpSim.Thresholds;

/// <summary>Resolves a <see cref="MetricSelector"/> against a run's telemetry into a <see cref="MetricReader"/>.</summary>
/// <remarks>Tag filters match the telemetry groups' labels: <c>device</c> and <c>telegram</c> (the plan
/// names), <c>comId</c> (a configured telegram's first ComId), <c>role</c>; several matching groups are
/// summed or merged. Groups are fixed once the run is compiled, so this runs once per threshold.</remarks>
internal static class MetricBinder
{
    public static MetricReader Bind(MetricSelector selector, RunTelemetry telemetry)
    {
        MetricDefinition metric = MetricCatalog.Find(selector.Name)
            ?? throw new ArgumentException($"unknown metric '{selector.Name}'", nameof(selector));
        return metric.Family switch
        {
            MetricFamily.ProcessData => BindPd(metric, selector, telemetry),
            MetricFamily.MessageData => BindMd(metric, selector, telemetry),
            MetricFamily.Rejects => BindRejects(metric, selector, telemetry),
            MetricFamily.DutStatistics => BindDutStatistics(metric, selector, telemetry),
            _ => BindEngine(metric, telemetry),
        };
    }

    private static MetricReader BindPd(MetricDefinition metric, MetricSelector selector, RunTelemetry telemetry)
    {
        TelegramRole? onlyRole = PdRole(metric.Name);
        var groups = new List<TelegramGroup>();
        foreach (TelegramGroup group in telemetry.Groups)
        {
            if ((onlyRole is null || group.Role == onlyRole) &&
                Matches(selector, group.Device, group.Name, group.FirstComId, MetricCatalog.PdRoles[(int)group.Role]))
            {
                groups.Add(group);
            }
        }

        if (metric.Kind == MetricKind.Latency)
        {
            var sources = new LatencyRecorder[groups.Count];
            for (int i = 0; i < sources.Length; i++)
            {
                sources[i] = metric.Name == "pd_switchover_gap" ? groups[i].SwitchoverGap
                    : onlyRole == TelegramRole.Subscribe ? groups[i].Jitter : groups[i].Lateness;
            }

            return new LatencyReader(metric, sources);
        }

        bool excludeSelfInflicted = !telemetry.StallsInVerdicts;
        Func<TelegramCounters, CountSample> pick = metric.Name switch
        {
            "pd_sent" => static c => new(c.Sent, 0),
            "pd_received" => static c => new(c.Received, 0),
            "pd_struck" => static c => new(c.Struck, 0),
            "pd_lost" => static c => new(c.Lost, 0),
            // The same Lost and Received the summary and /metrics show: gaps across a timeout are in Lost,
            // restarts and jumps are not (SequenceTracker). Self-inflicted losses (already taken out of Lost
            // unless stalls count in verdicts) were numbered all the same, so they stay in the total.
            "pd_loss_ratio" => c => new(c.Lost, c.Received + c.Lost + (excludeSelfInflicted ? c.SelfLost : 0)),
            "pd_restarts" => static c => new(c.Restarts, 0),
            "pd_sequence_jumps" => static c => new(c.SequenceJumps, 0),
            "pd_duplicates" => static c => new(c.Duplicates, 0),
            "pd_out_of_order" => static c => new(c.OutOfOrder, 0),
            "pd_timeouts" => static c => new(c.Timeouts, 0),
            "pd_timed_out" => static c => new(c.TimedOut, 0),
            "pd_dropped_cycles" => static c => new(c.DroppedCycles, 0),
            "pd_send_failures" => static c => new(c.SendFailures, 0),
            "pd_topo_rejects" => static c => new(c.TopoRejects, 0),
            "pd_pull_requests" => static c => new(c.PullRequests, 0),
            "pd_pull_replies" => static c => new(c.PullReplies, 0),
            "pd_pull_late_replies" => static c => new(c.PullLateReplies, 0),
            "pd_pull_unmatched_replies" => static c => new(c.PullUnmatchedReplies, 0),
            "pd_pull_duplicates" => static c => new(c.PullDuplicates, 0),
            "pd_follower_cycles" => static c => new(c.FollowerCycles, 0),
            "pd_switchovers" => static c => new(c.Switchovers, 0),
            _ => throw new ArgumentException($"no reader for '{metric.Name}'", nameof(metric)),
        };
        return new CountReader(metric, groups.Count, () =>
        {
            var total = new TelegramCounters();
            foreach (TelegramGroup group in groups)
            {
                total.Accumulate(group.Totals());
            }

            if (excludeSelfInflicted)
            {
                // What fell inside trdpsim's own stalls is not the device's doing (reported apart).
                total.Lost -= total.SelfLost;
                total.Timeouts -= total.SelfTimeouts;
            }

            return pick(total);
        });
    }

    private static MetricReader BindMd(MetricDefinition metric, MetricSelector selector, RunTelemetry telemetry)
    {
        MdRole? onlyRole = MdRoleOf(metric.Name);
        var groups = new List<MdGroup>();
        foreach (MdGroup group in telemetry.MdGroups)
        {
            if ((onlyRole is null || group.Role == onlyRole) &&
                Matches(selector, group.Device, group.Name, group.ComId, MetricCatalog.MdRoles[(int)group.Role]))
            {
                groups.Add(group);
            }
        }

        if (metric.Kind == MetricKind.Latency)
        {
            var sources = new LatencyRecorder[groups.Count];
            for (int i = 0; i < sources.Length; i++)
            {
                sources[i] = groups[i].Latency;
            }

            return new LatencyReader(metric, sources);
        }

        Func<MdCounters, CountSample> pick = metric.Name switch
        {
            "md_calls" => static c => new(c.Calls, 0),
            "md_ok" => static c => new(c.Ok, 0),
            "md_replies" => static c => new(c.Replies, 0),
            "md_requests" => static c => new(c.Requests, 0),
            "md_timeouts" => static c => new(c.Timeouts, 0),
            "md_timeout_ratio" => static c => new(c.Timeouts, c.Calls),
            "md_errors" => static c => new(c.ErrorNoReplier + c.ErrorNoMemory + c.ErrorOther, 0),
            "md_errors_sent" => static c => new(c.ErrorsSent, 0),
            "md_retries" => static c => new(c.Retries, 0),
            "md_skipped" => static c => new(c.Skipped, 0),
            "md_late_replies" => static c => new(c.LateRepliesReceived, 0),
            "md_send_failures" => static c => new(c.SendFailures, 0),
            "md_outstanding" => static c => new(c.Outstanding, 0),
            _ => throw new ArgumentException($"no reader for '{metric.Name}'", nameof(metric)),
        };
        bool excludeSelfInflicted = !telemetry.StallsInVerdicts;
        return new CountReader(metric, groups.Count, () =>
        {
            var total = new MdCounters();
            foreach (MdGroup group in groups)
            {
                total.Accumulate(group.Counters);
            }

            if (excludeSelfInflicted)
            {
                total.Timeouts -= total.SelfTimeouts;
            }

            return pick(total);
        });
    }

    private static CountReader BindDutStatistics(MetricDefinition metric, MetricSelector selector, RunTelemetry telemetry)
    {
        var fields = new List<int>();
        string? field = selector.Tag("field");
        for (int i = 0; i < StatisticsFields.Count; i++)
        {
            if (field is null || StatisticsFields.Name(i) == field)
            {
                fields.Add(i);
            }
        }

        var series = new List<DutStatisticsSeries>();
        foreach (DutStatisticsSeries polled in telemetry.DutStatistics)
        {
            // No comId or role to filter on: every poll is ComId 31 and a pull.
            if (Matches(selector, polled.Device, polled.Poll, StatisticsDataset.ComId, MetricCatalog.PdRoles[(int)TelegramRole.Pull]))
            {
                series.Add(polled);
            }
        }

        bool rise = metric.Name == "dut_stat_delta";
        return new CountReader(metric, series.Count, () =>
        {
            long total = 0;
            foreach (DutStatisticsSeries polled in series)
            {
                foreach (int i in fields)
                {
                    total += rise ? polled.Rise(i) : polled.Latest(i);
                }
            }

            return new CountSample(total, 0);
        });
    }

    private static CountReader BindRejects(MetricDefinition metric, MetricSelector selector, RunTelemetry telemetry)
    {
        string? reason = selector.Tag("reason");
        var reasons = new List<RejectReason>();
        for (int r = 0; r < RejectReasons.Count; r++)
        {
            if (reason is null || RejectReasons.Label((RejectReason)r) == reason)
            {
                reasons.Add((RejectReason)r);
            }
        }

        return new CountReader(metric, reasons.Count, () =>
        {
            long total = 0;
            foreach (RejectReason r in reasons)
            {
                total += telemetry.Rejects.Get(r);
            }

            return new CountSample(total, 0);
        });
    }

    private static MetricReader BindEngine(MetricDefinition metric, RunTelemetry telemetry) => metric.Name switch
    {
        "wheel_lateness" => new LatencyReader(metric, [telemetry.WheelLateness]),
        "rx_datagrams" => new CountReader(metric, 1, () => new CountSample(Volatile.Read(ref telemetry.DatagramsReceived), 0)),
        _ => new CountReader(metric, 1, () => new CountSample(Volatile.Read(ref telemetry.EngineErrors), 0)),
    };

    /// <summary>The only PD role a metric reads (its latency comes from that role), or <c>null</c> for all.</summary>
    public static TelegramRole? PdRole(string metric) => metric switch
    {
        "pd_send_lateness" => TelegramRole.Publish,
        "pd_jitter" => TelegramRole.Subscribe,
        "pd_switchover_gap" => TelegramRole.Subscribe,
        "pull_rtt" => TelegramRole.Pull,
        _ => null,
    };

    /// <summary>The only MD role a metric reads, or <c>null</c> for both.</summary>
    public static MdRole? MdRoleOf(string metric) => metric switch
    {
        "md_rtt" => MdRole.Caller,
        "md_reply_delay" => MdRole.Replier,
        _ => null,
    };

    /// <summary>Whether a series labelled (<paramref name="device"/>, <paramref name="telegram"/>,
    /// <paramref name="comId"/>, <paramref name="role"/>) passes every filter of <paramref name="selector"/>.</summary>
    public static bool Matches(MetricSelector selector, string device, string telegram, uint comId, string role)
    {
        foreach (TagFilter filter in selector.Tags)
        {
            bool match = filter.Tag switch
            {
                "device" => filter.Value == device,
                "telegram" => filter.Value == telegram,
                "comId" => uint.TryParse(filter.Value, NumberStyles.None, CultureInfo.InvariantCulture, out uint wanted) && wanted == comId,
                "role" => filter.Value == role,
                "field" => true, // picked by the DUT statistics reader, not a series label
                _ => false,
            };
            if (!match)
            {
                return false;
            }
        }

        return true;
    }
}
