using System.Globalization;
using System.Text;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>The engine part of the summary: which wait ran and what it cost (CPU per thread, per telegram), the
/// stalls of trdpsim's own threads, what fell inside them, and warnings when the host limited the run.</summary>
public static partial class SummaryTable
{
    private static string DescribeSegmentation(SegmentationSummary segmentation)
    {
        if (segmentation.Policy == "off" && segmentation.ReceivedWholeDatagrams == 0)
        {
            return "segmented sends off";
        }

        string share = segmentation.SentDatagrams > 0 ? Pct(segmentation.SegmentedDatagrams * 100.0 / segmentation.SentDatagrams) : "none";
        string whole = segmentation.ReceivedWholeDatagrams > 0
            ? $"; {Pct(segmentation.ReceivedWholeDatagrams * 100.0 / Math.Max(1, segmentation.ReceivedDatagrams))} of received ones read whole"
            : string.Empty;
        return $"segmented sends {segmentation.Policy} ({share} of datagrams{(segmentation.CaptureSeen ? "; paused while a packet capture was open" : string.Empty)}{whole})";
    }

    private static string DescribeReceiveBuffers(ReceiveBufferSummary buffers) =>
        buffers.CappedSockets > 0
            ? $"receive buffers {Units.Bytes(buffers.SmallestGrantedBytes)} ({Units.Bytes(buffers.AskedBytes)} asked)"
            : $"receive buffers {Units.Bytes(buffers.SmallestGrantedBytes)}";

    /// <summary>Receive buffers below the request hold that much less of a burst while a receive thread waits for a
    /// CPU: datagrams beyond them are lost and counted as ours, so say so, and how to lift the cap.</summary>
    internal static string? ReceiveBufferWarning(ReceiveBufferSummary buffers) =>
        buffers.CappedSockets == 0 ? null
            : $"{buffers.CappedSockets} of {buffers.Sockets} sockets got a receive buffer of {Units.Bytes(buffers.SmallestGrantedBytes)}, not the "
              + $"{Units.Bytes(buffers.AskedBytes)} asked: net.core.rmem_max caps it and trdpsim lacks CAP_NET_ADMIN to go past the cap, so less of "
              + "a burst waits while a receive thread is held up and the rest is lost; raise the cap (sysctl -w net.core.rmem_max="
              + $"{buffers.AskedBytes.ToString(CultureInfo.InvariantCulture)}) or grant CAP_NET_ADMIN (README, \"Timing and CPU\")";

    private static void AppendEngine(StringBuilder text, RunSummary summary, int width)
    {
        if (summary.Engine is { } engine)
        {
            List<string> items = [$"{engine.Wait} wait", $"tick {Units.Duration(engine.TickNanoseconds)}", $"send grid {Units.Duration(engine.SendGridNanoseconds)}",
                engine.ReceiveIntervalNanoseconds > 0 ? $"receive interval {Units.Duration(engine.ReceiveIntervalNanoseconds)}" : "receive at once"];
            if (engine.SpinWindowNanoseconds is { } window)
            {
                items.Add($"spin window {Units.Duration(window)}{(engine.SpinWindowMeasured ? " (measured)" : string.Empty)}");
            }

            if (engine.SpunNanoseconds is { } spun && summary.Elapsed.TotalSeconds > 0)
            {
                items.Add($"spun {Pct(spun / (summary.Elapsed.TotalSeconds * 1e7))} of the run");
            }

            items.Add(DescribeSegmentation(engine.Segmentation));
            if (engine.ReceiveBuffers.Sockets > 0)
            {
                items.Add(DescribeReceiveBuffers(engine.ReceiveBuffers));
            }

            items.Add($"wheel {engine.Scheduling}{(engine.RealtimeThreads > 0 ? $" ({engine.RealtimeThreads} real-time threads)" : string.Empty)}");
            if (engine.MemoryLocked)
            {
                items.Add("memory locked");
            }

            TextWrap.AppendItems(text, "engine: ", items, ", ", width);
            foreach (var message in engine.Messages)
            {
                TextWrap.AppendItems(text, "engine note: ", [message], " ", width);
            }

            if (ReceiveBufferWarning(engine.ReceiveBuffers) is { } warning)
            {
                TextWrap.AppendItems(text, "warning: ", [warning], " ", width);
            }
        }

        AppendCpu(text, summary, width);
        AppendStalls(text, summary, width);
        foreach (var warning in HostBottleneck.Assess(summary))
        {
            TextWrap.AppendItems(text, "warning: ", [warning], " ", width);
        }
    }

    private static void AppendCpu(StringBuilder text, RunSummary summary, int width)
    {
        var steady = summary.SteadyCpu;
        if ((steady ?? summary.RunCpu) is not { Seconds: > 0 } cpu)
        {
            return;
        }

        var label = steady is null ? "run" : "steady window";
        List<string> items =
        [
            $"process {Pct(cpu.ProcessPercentOfCore)} of one core (user {Pct(cpu.Percent(cpu.UserNanoseconds))}, system {Pct(cpu.Percent(cpu.SystemNanoseconds))})",
            $"wheel {Pct(cpu.Percent(cpu.ConsumerNanoseconds[(int)CpuConsumer.Wheel]))}",
            $"receive {Pct(cpu.Percent(cpu.ConsumerNanoseconds[(int)CpuConsumer.Receive]))}",
            $"scripts {Pct(cpu.Percent(cpu.ConsumerNanoseconds[(int)CpuConsumer.Scripts]))}",
            $"http {Pct(cpu.Percent(cpu.ConsumerNanoseconds[(int)CpuConsumer.Http]))}",
            $"other {Pct(cpu.Percent(cpu.ConsumerNanoseconds[(int)CpuConsumer.Other]))}",
        ];
        if (cpu.ConsumerNanoseconds[(int)CpuConsumer.Capture] > 0)
        {
            items.Add($"capture writer {Pct(cpu.Percent(cpu.ConsumerNanoseconds[(int)CpuConsumer.Capture]))}");
        }

        long sent = steady is null ? summary.Totals.Sent : summary.Totals.Sent - summary.SentAtSteadyStart;
        if (sent > 0)
        {
            items.Add($"{(cpu.ProcessNanoseconds / 1000.0 / sent).ToString("0.00", CultureInfo.InvariantCulture)} µs per telegram sent");
        }

        items.Add($"other processes {cpu.OtherProcessesCores.ToString("0.00", CultureInfo.InvariantCulture)} cores");
        TextWrap.AppendItems(text, $"cpu ({label} {cpu.Seconds:0.0} s): ", items, ", ", width);
    }

    private static void AppendStalls(StringBuilder text, RunSummary summary, int width)
    {
        if (summary.Stalls is not { } stalls)
        {
            return;
        }

        var head = $"own stalls (≥ {Units.Duration(stalls.ThresholdNanoseconds)}): ";
        if (stalls.Stretches == 0)
        {
            text.AppendLine(head + "none");
            return;
        }

        List<string> items = [$"trdpsim was stalled {Units.Duration(stalls.TotalNanoseconds)} in {stalls.Stretches} stretch{(stalls.Stretches == 1 ? string.Empty : "es")} (longest {Units.Duration(stalls.LongestNanoseconds)})"];
        foreach (var source in stalls.BySource)
        {
            if (source.Count > 0)
            {
                items.Add($"{SourceName(source.Source)} {source.Count}× {Units.Duration(source.TotalNanoseconds)} (longest {Units.Duration(source.LongestNanoseconds)})");
            }
        }

        TextWrap.AppendItems(text, head, items, ", ", width);
        var self = summary.SelfInflicted;
        if (!self.Any)
        {
            return;
        }

        List<string> effects = [];
        AddCount(effects, self.PdTimeouts, "subscription timeouts");
        AddCount(effects, self.PdLost, "lost telegrams (kernel drops at our sockets)");
        AddCount(effects, self.MdTimeouts, "MD timeouts");
        if (self.Jitter.Count > 0)
        {
            effects.Add($"{self.Jitter.Count} jitter samples (max {Units.Duration(self.Jitter.Max)})");
        }

        if (self.RoundTrips.Count > 0)
        {
            effects.Add($"{self.RoundTrips.Count} MD round trips (max {Units.Duration(self.RoundTrips.Max)})");
        }

        var verdict = self.InVerdicts ? "counted in verdicts" : "left out of the device's figures and verdicts";
        TextWrap.AppendItems(text, $"self-inflicted (inside own stalls, {verdict}): ", effects, ", ", width);
    }

    /// <summary>The name of a kind of thread in reports and JSON.</summary>
    internal static string SourceName(StallSources source) => source switch
    {
        StallSources.Wheel => "wheel",
        StallSources.PdReceive => "pd-receive",
        StallSources.MdReceive => "md-receive",
        _ => "scripts",
    };

    private static void AddCount(List<string> items, long value, string what)
    {
        if (value > 0)
        {
            items.Add($"{value} {what}");
        }
    }

    private static string Pct(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
