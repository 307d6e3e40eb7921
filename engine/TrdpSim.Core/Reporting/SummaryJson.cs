using System.Text.Json;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Writes a <see cref="RunSummary"/> as JSON (for benchmarks, CI and reports).</summary>
/// <remarks>Written with <see cref="Utf8JsonWriter"/> directly: no reflection, so it is AOT-safe.</remarks>
internal static class SummaryJson
{
    /// <summary>The members of every counters object (the run's totals and each telegram's), in key order.</summary>
    private static readonly (string Key, Func<TelegramCounters, long> Read)[] CounterMembers =
    [
        ("sent", static c => c.Sent),
        ("sendFailures", static c => c.SendFailures),
        ("struck", static c => c.Struck),
        ("droppedCycles", static c => c.DroppedCycles),
        ("received", static c => c.Received),
        ("lost", static c => c.Lost),
        ("restarts", static c => c.Restarts),
        ("sequenceJumps", static c => c.SequenceJumps),
        ("duplicates", static c => c.Duplicates),
        ("outOfOrder", static c => c.OutOfOrder),
        ("timeouts", static c => c.Timeouts),
        ("topoRejects", static c => c.TopoRejects),
        ("pullRequests", static c => c.PullRequests),
        ("pullReplies", static c => c.PullReplies),
        ("pullLateReplies", static c => c.PullLateReplies),
        ("pullUnmatchedReplies", static c => c.PullUnmatchedReplies),
        ("pullDuplicates", static c => c.PullDuplicates),
        ("delayed", static c => c.Delayed),
        ("selfTimeouts", static c => c.SelfTimeouts),
        ("selfLost", static c => c.SelfLost),
        ("followerCycles", static c => c.FollowerCycles),
        ("switchovers", static c => c.Switchovers),
        ("switchoversFromZero", static c => c.SwitchoversFromZero),
    ];

    /// <summary>The members of a process sample (at the end, at the start of the steady window).</summary>
    private static readonly (string Key, Func<ProcessSample, long> Read)[] ProcessMembers =
    [
        ("allocatedBytes", static p => p.AllocatedBytes),
        ("gen0", static p => p.Gen0),
        ("gen1", static p => p.Gen1),
        ("gen2", static p => p.Gen2),
        ("residentBytes", static p => p.ResidentBytes),
        ("peakResidentBytes", static p => p.PeakResidentBytes),
    ];

    /// <summary>The figures of one field of a device's statistics, after whether it is a counter.</summary>
    private static readonly (string Key, Func<DutStatisticsField, long> Read)[] DutFieldMembers =
    [
        ("first", static f => f.First),
        ("latest", static f => f.Latest),
        ("rise", static f => f.Rise),
        ("lastDelta", static f => f.LastDelta),
        ("maxDelta", static f => f.MaxDelta),
    ];

    public static void Write(Stream stream, RunSummary summary)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("run", summary.RunName);
        json.WriteNumber("elapsedSeconds", summary.Elapsed.TotalSeconds);
        if (summary.Manifest is { } manifest)
        {
            json.WritePropertyName("manifest");
            RunManifestJson.Write(json, manifest);
        }

        JsonNumbers.WriteObject(json, "totals", summary.Totals, CounterMembers);
        WriteLatency(json, "sendLatenessNs", summary.SendLateness);
        WriteLatency(json, "wheelLatenessNs", summary.WheelLateness);
        json.WriteNumber("datagramsReceived", summary.DatagramsReceived);
        json.WriteNumber("engineErrors", summary.EngineErrors);
        json.WriteStartObject("statisticsPulls");
        json.WriteNumber("answered", summary.StatisticsPulls.Answered);
        json.WriteNumber("sendFailures", summary.StatisticsPulls.SendFailures);
        json.WriteNumber("duplicates", summary.StatisticsPulls.Duplicates);
        json.WriteEndObject();
        json.WriteNumber("icmpRefused", summary.IcmpRefused);
        json.WriteNumber("mdUnmatchedReplies", summary.MdUnmatchedReplies);
        json.WriteStartObject("rejects");
        for (var r = 0; r < summary.Rejects.Count; r++)
        {
            json.WriteNumber(RejectReasons.Label((RejectReason)r), summary.Rejects[r]);
        }

        json.WriteEndObject();
        JsonNumbers.WriteObject(json, "processEnd", summary.End, ProcessMembers);
        if (summary.SteadyStart is { } steady)
        {
            JsonNumbers.WriteObject(json, "processSteadyStart", steady, ProcessMembers);
            json.WriteStartObject("steadyWindow");
            json.WriteNumber("seconds", (summary.End.Timestamp - steady.Timestamp).TotalSeconds);
            json.WriteNumber("allocatedBytes", summary.End.AllocatedBytes - steady.AllocatedBytes);
            json.WriteNumber("gen0", summary.End.Gen0 - steady.Gen0);
            json.WriteNumber("gen1", summary.End.Gen1 - steady.Gen1);
            json.WriteNumber("gen2", summary.End.Gen2 - steady.Gen2);
            json.WriteNumber("sentInWindow", summary.Totals.Sent - summary.SentAtSteadyStart);
            json.WriteEndObject();
        }

        WriteEngine(json, summary);
        JsonLists.WriteObjects(json, "telegrams", summary.Rows, static (json, row) =>
        {
            GroupJson.WriteTelegram(json, "name", row.Device, row.Name, row.Role, row.ComId, row.Instances);
            JsonNumbers.WriteObject(json, "counters", row.Counters, CounterMembers);
            WriteLatency(json, "latencyNs", row.Latency);
            if (row.SwitchoverGap is { Count: > 0 } gap)
            {
                WriteLatency(json, "switchoverGapNs", gap);
            }

            if (row.Paths.Count > 0)
            {
                var now = Scheduling.MonotonicClock.NowNanoseconds();
                JsonLists.WriteObjects(json, "paths", row.Paths, (json, path) =>
                {
                    json.WriteString("interface", path.Name);
                    json.WriteNumber("received", path.Received);
                    json.WriteNumber("lost", path.Lost);
                    json.WriteNumber("redundant", path.Redundant);
                    json.WriteNumber("down", path.Down);
                    json.WriteBoolean("up", !path.IsDown);
                    if (path.LastSeenNanoseconds > 0)
                    {
                        json.WriteNumber("lastSeenAgoNs", Math.Max(0, now - path.LastSeenNanoseconds));
                    }
                });
            }
        });
        JsonLists.WriteObjects(json, "messageData", summary.MdRows, static (json, row) =>
        {
            GroupJson.WriteMd(json, row.Group);
            json.WriteString("description", row.Group.Description);
            json.WriteStartObject("events");
            for (var e = 0; e < MdEvents.All.Length; e++)
            {
                // Only the events of the row's role, as /metrics and the live stream have them: a caller row's
                // 'replies' (a replier's 'Mp'/'Mq' sent) read as no reply received, however many came.
                if (MdEvents.AppliesTo(e, row.Group.Role))
                {
                    json.WriteNumber(MdEvents.All[e].Name, MdEvents.All[e].Read(row.Counters));
                }
            }

            json.WriteEndObject();
            WriteLatency(json, row.Group.Role == MdRole.Caller ? "rttNs" : "replyDelayNs", row.Latency);
            if (row.Group.ConfiguredQuantile is not null)
            {
                json.WriteStartObject("configuredDelayNs");
                json.WriteNumber("p50", row.Configured(0.5)!.Value);
                json.WriteNumber("p90", row.Configured(0.9)!.Value);
                json.WriteNumber("p99", row.Configured(0.99)!.Value);
                json.WriteEndObject();
            }
        });
        JsonLists.WriteObjects(json, "messageDataTcp", summary.TcpRows, WriteTcp);
        JsonLists.WriteObjects(json, "udpSockets", summary.UdpRows, WriteUdp);
        JsonLists.WriteObjects(json, "dutStatistics", summary.DutStatistics, WriteDutStatistics);
        JsonLists.WriteObjects(json, "redundancy", summary.Redundancy, WriteRedundancy);
        JsonLists.WriteObjects(json, "faults", summary.FaultRows, static (json, row) =>
        {
            json.WriteString("name", row.Name);
            json.WriteString("kind", row.Kind);
            json.WriteString("target", row.Target);
            json.WriteNumber("targets", row.Targets);
            json.WriteNumber("strikes", row.Strikes);
            json.WriteBoolean("active", row.Attached);
        });
        if (summary.Scenarios is { } scenarios)
        {
            json.WriteStartObject("scenarios");
            json.WriteNumber("eventsDelivered", scenarios.EventsDelivered);
            json.WriteNumber("eventsDropped", scenarios.EventsDropped);
            json.WriteNumber("mdScriptFallbacks", scenarios.MdScriptFallbacks);
            JsonLists.WriteObjects(json, "list", scenarios.Scenarios, static (json, row) =>
            {
                json.WriteString("name", row.Name);
                json.WriteString("state", row.State);
                json.WriteString("error", row.Error);
            });
            json.WriteEndObject();
        }

        if (summary.Recording is { } recording)
        {
            RecordingJson.Write(json, recording);
        }

        if (summary.Thresholds is { } thresholds)
        {
            json.WritePropertyName("thresholds");
            ThresholdJson.Write(json, thresholds);
        }

        json.WriteEndObject();
    }

    /// <summary>One redundancy group: its leader, its switchovers by cause and the gap they left on the wire.</summary>
    private static void WriteRedundancy(Utf8JsonWriter json, RedundancyRow row)
    {
        json.WriteNumber("group", row.Id);
        json.WriteString("leader", row.Leader);
        json.WriteNumber("takeoverAfterNs", row.TakeoverAfterNanoseconds);
        json.WriteStartObject("switchovers");
        json.WriteNumber("command", row.Commanded);
        json.WriteNumber("leaderSilence", row.LeaderSilence);
        json.WriteEndObject();
        if (row.Gap.Count > 0)
        {
            WriteLatency(json, "gapNs", row.Gap);
        }
    }

    /// <summary>One statistics poll of a device under test: its replies and each field's figures.</summary>
    private static void WriteDutStatistics(Utf8JsonWriter json, DutStatisticsRow row)
    {
        json.WriteString("device", row.Device);
        json.WriteString("poll", row.Poll);
        json.WriteString("target", row.Target);
        json.WriteNumber("replies", row.Figures.Replies);
        json.WriteNumber("badReplies", row.Figures.BadReplies);
        json.WriteNumber("restarts", row.Figures.Restarts);
        json.WriteStartObject("fields");
        foreach (var field in row.Figures.Fields)
        {
            json.WriteStartObject(field.Name);
            json.WriteBoolean("counter", field.Counter);
            JsonNumbers.WriteMembers(json, field, DutFieldMembers);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One device's MD over TCP, as server or client: its connections' events and why they closed.</summary>
    private static void WriteTcp(Utf8JsonWriter json, TcpSummaryRow row)
    {
        json.WriteString("device", row.Device);
        json.WriteString("side", row.Side);
        json.WriteNumber("open", row.Open);
        json.WriteStartObject("events");
        for (var e = 0; e < row.Events.Length; e++)
        {
            json.WriteNumber(TcpEvents.All[e].Name, row.Events[e]);
        }

        json.WriteEndObject();
        json.WriteStartObject("closed");
        for (var r = 0; r < row.Closed.Length; r++)
        {
            json.WriteNumber(TcpEvents.CloseReasons[r].Name, row.Closed[r]);
        }

        json.WriteEndObject();
    }

    /// <summary>One UDP socket: what the kernel refused it.</summary>
    private static void WriteUdp(Utf8JsonWriter json, UdpSocketRow row)
    {
        json.WriteString("device", row.Socket.Device);
        json.WriteString("socket", row.Socket.Socket);
        json.WriteString("local", row.Socket.Local.ToString());
        json.WriteString("peer", row.Socket.Peer?.ToString()); // null without a peer
        json.WriteNumber("icmpRefused", row.IcmpRefused);
        json.WriteNumber("sendErrors", row.SendErrors);
        json.WriteNumber("lastSendError", row.LastSendError);
    }

    /// <summary>The engine's figures: which wait ran, the CPU it cost (run and steady window), the stalls of its
    /// own threads, what fell inside them, and the host warnings.</summary>
    private static void WriteEngine(Utf8JsonWriter json, RunSummary summary)
    {
        if (summary.Engine is { } engine)
        {
            json.WriteStartObject("engine");
            json.WriteString("wait", engine.Wait);
            json.WriteString("requestedWait", engine.RequestedWait);
            json.WriteNumber("tickNs", engine.TickNanoseconds);
            json.WriteNumber("sendGridNs", engine.SendGridNanoseconds);
            json.WriteNumber("receiveIntervalNs", engine.ReceiveIntervalNanoseconds);
            json.WriteString("segmentSends", engine.Segmentation.Policy);
            json.WriteNumber("sentDatagrams", engine.Segmentation.SentDatagrams);
            json.WriteNumber("segmentedDatagrams", engine.Segmentation.SegmentedDatagrams);
            json.WriteBoolean("captureSeen", engine.Segmentation.CaptureSeen);
            json.WriteNumber("receivedDatagrams", engine.Segmentation.ReceivedDatagrams);
            json.WriteNumber("receivedWholeDatagrams", engine.Segmentation.ReceivedWholeDatagrams);
            json.WriteNumber("receiveBufferAskedBytes", engine.ReceiveBuffers.AskedBytes);
            json.WriteNumber("receiveBufferGrantedBytes", engine.ReceiveBuffers.SmallestGrantedBytes);
            json.WriteNumber("receiveBufferCappedSockets", engine.ReceiveBuffers.CappedSockets);
            JsonLists.WriteNumberOrNull(json, "spinWindowNs", engine.SpinWindowNanoseconds);
            json.WriteBoolean("spinWindowMeasured", engine.SpinWindowMeasured);
            JsonLists.WriteNumberOrNull(json, "spunNs", engine.SpunNanoseconds);
            JsonLists.WriteNumberOrNull(json, "spinDeniedNs", engine.SpinDeniedNanoseconds);
            json.WriteString("requestedScheduling", engine.RequestedScheduling);
            json.WriteString("scheduling", engine.Scheduling);
            json.WriteString("receiveScheduling", engine.ReceiveScheduling);
            json.WriteNumber("realtimeThreads", engine.RealtimeThreads);
            json.WriteBoolean("memoryLocked", engine.MemoryLocked);
            json.WriteNumber("wheelWakeUps", engine.WheelWakeUps);
            json.WriteNumber("wheelEarlyWakes", engine.WheelEarlyWakes);
            JsonLists.WriteStrings(json, "messages", engine.Messages);
            json.WriteEndObject();
        }

        json.WriteStartObject("cpu");
        if (summary.RunCpu is { } run)
        {
            WriteCpu(json, "run", run, summary.Totals.Sent);
        }

        if (summary.SteadyCpu is { } steady)
        {
            WriteCpu(json, "steadyWindow", steady, summary.Totals.Sent - summary.SentAtSteadyStart);
        }

        json.WriteEndObject();
        if (summary.Stalls is { } stalls)
        {
            json.WriteStartObject("ownStalls");
            json.WriteNumber("thresholdNs", stalls.ThresholdNanoseconds);
            json.WriteNumber("stretches", stalls.Stretches);
            json.WriteNumber("totalNs", stalls.TotalNanoseconds);
            json.WriteNumber("longestNs", stalls.LongestNanoseconds);
            json.WriteStartObject("bySource");
            foreach (var source in stalls.BySource)
            {
                json.WriteStartObject(SummaryTable.SourceName(source.Source));
                WriteStallCounts(json, source.Count, source.TotalNanoseconds, source.LongestNanoseconds);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            JsonLists.WriteObjects(json, "threads", stalls.ByThread, static (json, thread) =>
            {
                json.WriteString("name", thread.Name);
                json.WriteString("source", SummaryTable.SourceName(thread.Source));
                WriteStallCounts(json, thread.Count, thread.TotalNanoseconds, thread.LongestNanoseconds);
            });
            json.WriteEndObject();
        }

        var self = summary.SelfInflicted;
        json.WriteStartObject("selfInflicted");
        json.WriteNumber("pdTimeouts", self.PdTimeouts);
        json.WriteNumber("pdLost", self.PdLost);
        json.WriteNumber("mdTimeouts", self.MdTimeouts);
        WriteLatency(json, "jitterNs", self.Jitter);
        WriteLatency(json, "roundTripNs", self.RoundTrips);
        json.WriteBoolean("inVerdicts", self.InVerdicts);
        json.WriteEndObject();
        JsonLists.WriteStrings(json, "warnings", HostBottleneck.Assess(summary));
    }

    /// <summary>The figures of stalls per kind of thread and per thread: how many, how long in total, the longest.</summary>
    private static void WriteStallCounts(Utf8JsonWriter json, long count, long totalNanoseconds, long longestNanoseconds)
    {
        json.WriteNumber("count", count);
        json.WriteNumber("totalNs", totalNanoseconds);
        json.WriteNumber("longestNs", longestNanoseconds);
    }

    private static void WriteCpu(Utf8JsonWriter json, string name, CpuUsage cpu, long sent)
    {
        json.WriteStartObject(name);
        json.WriteNumber("seconds", cpu.Seconds);
        json.WriteNumber("processNs", cpu.ProcessNanoseconds);
        json.WriteNumber("userNs", cpu.UserNanoseconds);
        json.WriteNumber("systemNs", cpu.SystemNanoseconds);
        json.WriteNumber("percentOfCore", Math.Round(cpu.ProcessPercentOfCore, 2));
        json.WriteNumber("telegramsSent", sent);
        json.WriteNumber("nsPerTelegramSent", sent > 0 ? Math.Round((double)cpu.ProcessNanoseconds / sent, 1) : 0);
        json.WriteStartObject("threads");
        foreach (var consumer in Enum.GetValues<CpuConsumer>())
        {
            json.WriteStartObject(consumer.ToString().ToLowerInvariant());
            json.WriteNumber("cpuNs", cpu.ConsumerNanoseconds[(int)consumer]);
            json.WriteNumber("percentOfCore", Math.Round(cpu.Percent(cpu.ConsumerNanoseconds[(int)consumer]), 2));
            json.WriteNumber("runQueueWaitNs", cpu.ConsumerWaitNanoseconds[(int)consumer]);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("machine");
        json.WriteNumber("cpus", cpu.Cpus);
        json.WriteNumber("busyNs", cpu.MachineBusyNanoseconds);
        json.WriteNumber("stealNs", cpu.MachineStealNanoseconds);
        json.WriteNumber("otherProcessesCores", Math.Round(cpu.OtherProcessesCores, 3));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>"name": { "count", "p50" … "max", "mean" }</c>: a latency's figures, in nanoseconds.</summary>
    private static void WriteLatency(Utf8JsonWriter json, string name, LatencySnapshot s)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", s.Count);
        JsonNumbers.WriteMembers(json, s, LatencyFigures.Points);
        json.WriteNumber("mean", s.Mean);
        json.WriteEndObject();
    }
}
