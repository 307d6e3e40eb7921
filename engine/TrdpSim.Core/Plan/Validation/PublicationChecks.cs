using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Plan.Validation;

/// <summary>Publications: cycle and offset, destination, payload and field generators.</summary>
internal static class PublicationChecks
{
    public static void Check(DevicePlan device, DatasetIndex datasets, PlanReport report)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (PublicationPlan publication in device.Publications)
        {
            TelegramChecks.Name(publication, publication.Name, "publication", names, report);
            TelegramChecks.ComIds(publication, publication.ComId, publication.Count, publication.ComIdStep, report);
            DatasetLayout? layout = TelegramChecks.Payload(publication, $"publication '{publication.Name}'", publication.DatasetId,
                publication.PayloadLength, PlanLimits.MaxPdPayload, "PD", datasets, report);
            CheckTiming(publication, report);
            report.Address(publication, "destination", publication.Destination, AddressKind.Any);
            TelegramChecks.Fields(publication, publication.DatasetId, publication.Fields, layout, "publication", datasets, report);
        }
    }

    private static void CheckTiming(PublicationPlan publication, PlanReport report)
    {
        if (publication.Cycle != TimeSpan.Zero && publication.Cycle < PlanLimits.MinCycle)
        {
            report.Value(publication, "cycle", "'cycle' must be 0 (pull-only) or at least 1ms");
        }

        if (publication.Offset is not { } offset || !PlanReport.Judged(publication, "cycle"))
        {
            return;
        }

        if (publication.Cycle == TimeSpan.Zero)
        {
            report.Value(publication, "offset", "'offset' has no meaning for a pull-only publication (cycle = 0)");
        }
        else if (offset < TimeSpan.Zero)
        {
            report.Value(publication, "offset", "'offset' must not be negative");
        }
        else if (offset >= publication.Cycle)
        {
            report.Value(publication, "offset", "'offset' must be shorter than 'cycle'");
        }
    }
}
