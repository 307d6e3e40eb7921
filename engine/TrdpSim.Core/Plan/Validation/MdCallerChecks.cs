using System.Globalization;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Plan.Validation;

/// <summary>MD callers: destination and protocol, rate, the keys only a request reads, URIs and payload.</summary>
/// <remarks>Keys only a request uses are errors on a notification, so a forgotten <c>kind</c> does not
/// silently drop them. A unicast request always expects exactly one reply (TCNopen forces
/// <c>numExpReplies</c> to 1), so another <c>expected-replies</c> is an error.</remarks>
internal static class MdCallerChecks
{
    private static readonly string[] RequestOnlyKeys = ["reply-timeout", "expected-replies", "retries", "confirm-status", "max-outstanding"];

    public static void Check(DevicePlan device, DatasetIndex datasets, PlanReport report)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (MdCallerPlan caller in device.MdCallers)
        {
            TelegramChecks.Name(caller, caller.Name, "md-call", names, report);
            CheckDestination(caller, report);
            if (!(caller.Rate > 0 && caller.Rate <= PlanLimits.MaxMdRate))
            {
                report.Value(caller, "rate", string.Create(CultureInfo.InvariantCulture,
                    $"'rate' must be above 0 and at most {PlanLimits.MaxMdRate} transactions/s, got {caller.Rate}"));
            }

            if (caller.Count is { } count)
            {
                report.Range(caller, "count", count, 1, long.MaxValue);
            }

            if (caller.Kind == MdCallKind.Notify)
            {
                if (PlanReport.Judged(caller, "kind"))
                {
                    foreach (string key in RequestOnlyKeys)
                    {
                        if (caller.Given(key))
                        {
                            report.Key(caller, key, $"'{key}' does not apply to kind \"notify\" (a notification gets no reply)");
                        }
                    }
                }
            }
            else
            {
                CheckRequest(caller, report);
            }

            report.Uri(caller, "source-uri", caller.SourceUri);
            report.Uri(caller, "destination-uri", caller.DestinationUri);
            DatasetLayout? layout = TelegramChecks.Payload(caller, $"md-call '{caller.Name}'", caller.DatasetId, caller.PayloadLength,
                PlanLimits.MaxMdPayload, "MD", datasets, report);
            TelegramChecks.Fields(caller, caller.DatasetId, caller.Fields, layout, "MD call", datasets, report);
        }
    }

    private static void CheckDestination(MdCallerPlan caller, PlanReport report)
    {
        report.Address(caller, "destination", caller.Destination, AddressKind.Any);
        if (AddressParser.IsMulticast(caller.Destination) && caller.Protocol == MdProtocol.Tcp && PlanReport.Judged(caller, "protocol"))
        {
            report.Value(caller, "destination",
                $"'destination' must be a host address with protocol \"tcp\" (MD over TCP is unicast only), not the multicast group {AddressParser.Format(caller.Destination)}");
        }
    }

    private static void CheckRequest(MdCallerPlan caller, PlanReport report)
    {
        report.Range(caller, "max-outstanding", caller.MaxOutstanding, 1, PlanLimits.MaxOutstanding);
        if (caller.ReplyTimeout is { } replyTimeout)
        {
            report.Positive(caller, "reply-timeout", replyTimeout);
        }

        bool unicast = caller.Destination != 0 && !AddressParser.IsMulticast(caller.Destination) && PlanReport.Judged(caller, "destination");
        if (caller.ExpectedReplies < 0)
        {
            report.Range(caller, "expected-replies", caller.ExpectedReplies, 0, int.MaxValue);
        }
        else if (unicast && caller.ExpectedReplies != 1)
        {
            report.Value(caller, "expected-replies", string.Create(CultureInfo.InvariantCulture,
                $"'expected-replies' must be 1 for a unicast destination (TCNopen forces 1; other values are for multicast), got {caller.ExpectedReplies}"));
        }

        report.Range(caller, "retries", caller.Retries, 0, PlanLimits.MaxMdRetries);
        report.Range(caller, "confirm-status", caller.ConfirmStatus, 0, int.MaxValue);
    }
}
