using System.Globalization;
using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>Reads a summary for signs that the host, not the device, limited the run: late sends, dropped cycles or
/// stalls of trdpsim's own threads, together with threads that waited for a CPU, other processes busy on the
/// cores, or time the hypervisor took (steal).</summary>
public static class HostBottleneck
{
    /// <summary>Send or wheel lateness p99 above this (1 ms) is late.</summary>
    public const long LateNanoseconds = 1_000_000;

    /// <summary>The warnings for <paramref name="summary"/> (empty when its timing was clean, or clean enough
    /// that nothing needs explaining).</summary>
    public static IReadOnlyList<string> Assess(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var symptoms = new List<string>();
        if (summary.SendLateness.Count > 0 && summary.SendLateness.P99 > LateNanoseconds)
        {
            symptoms.Add($"send lateness p99 {Units.Duration(summary.SendLateness.P99)}");
        }

        if (summary.WheelLateness.Count > 0 && summary.WheelLateness.P99 > LateNanoseconds)
        {
            symptoms.Add($"wheel wake-up p99 {Units.Duration(summary.WheelLateness.P99)}");
        }

        if (summary.Totals.DroppedCycles > 0)
        {
            symptoms.Add($"{summary.Totals.DroppedCycles} dropped cycles");
        }

        if (summary.Stalls is { Stretches: > 0 } stalls)
        {
            symptoms.Add($"trdpsim stalled {Units.Duration(stalls.TotalNanoseconds)} (longest {Units.Duration(stalls.LongestNanoseconds)})");
        }

        if (symptoms.Count == 0 || (summary.SteadyCpu ?? summary.RunCpu) is not { Seconds: > 0 } cpu)
        {
            return [];
        }

        var evidence = new List<string>();
        double window = cpu.Seconds * 1e9;
        double wheelWait = cpu.ConsumerWaitNanoseconds[(int)CpuConsumer.Wheel] / window;
        double receiveWait = cpu.ConsumerWaitNanoseconds[(int)CpuConsumer.Receive] / window;
        if (wheelWait > 0.01)
        {
            evidence.Add($"the wheel thread waited {Percent(wheelWait)} of the time runnable for a CPU");
        }

        if (receiveWait > 0.02)
        {
            evidence.Add($"the receive threads waited {Percent(receiveWait)} of the time for a CPU");
        }

        if (cpu.OtherProcessesCores > 0.5)
        {
            evidence.Add($"other processes used {cpu.OtherProcessesCores.ToString("0.00", CultureInfo.InvariantCulture)} of the {cpu.Cpus} cores");
        }

        if (cpu.StealShare > 0.02)
        {
            evidence.Add($"the hypervisor took {Percent(cpu.StealShare)} of the CPU time (steal)");
        }

        string what = string.Join(", ", symptoms);
        if (evidence.Count > 0)
        {
            return [$"the host is the bottleneck: {what}, while {string.Join("; ", evidence)}"];
        }

        if (cpu.ProcessPercentOfCore >= 90.0 * Math.Max(1, cpu.Cpus - 1))
        {
            return [$"trdpsim's own work is the bottleneck: {what}, with the process at {cpu.ProcessPercentOfCore.ToString("0", CultureInfo.InvariantCulture)} % of one core"];
        }

        return [$"timing suffered ({what}) with no sign of a busy host in the CPU figures: a stall outside the process's view (the VM, the hypervisor)"];
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
