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

    /// <summary>The counters of every telegram group of <paramref name="role"/>, added up.</summary>
    public static TelegramCounters OfRole(RunTelemetry telemetry, TelegramRole role)
    {
        var total = new TelegramCounters();
        foreach (var group in telemetry.Groups)
        {
            if (group.Role == role)
            {
                total.Accumulate(group.Totals());
            }
        }

        return total;
    }
}
