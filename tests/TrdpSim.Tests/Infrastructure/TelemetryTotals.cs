namespace TrdpSim.Tests.Infrastructure;

/// <summary>Run-wide sums of the per-telegram counters.</summary>
internal static class TelemetryTotals
{
    /// <summary>Telegrams received by every subscription of the run so far (reading totals allocates: call it
    /// outside a measured window).</summary>
    public static long Received(RunTelemetry telemetry)
    {
        long received = 0;
        foreach (var group in telemetry.Groups)
        {
            received += group.Totals().Received;
        }

        return received;
    }
}
