namespace TrdpSim.Plan.Validation;

/// <summary>Subscriptions: accepted sources, the multicast group, timeout and expected cycle.</summary>
internal static class SubscriptionChecks
{
    public static void Check(DevicePlan device, PlanReport report)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (SubscriptionPlan subscription in device.Subscriptions)
        {
            TelegramChecks.Name(subscription, subscription.Name, "subscription", names, report);
            TelegramChecks.ComIds(subscription, subscription.ComId, subscription.Count, subscription.ComIdStep, report);
            report.Address(subscription, "source", subscription.Source, AddressKind.Host);
            report.Address(subscription, "source2", subscription.Source2, AddressKind.Host);
            if (subscription.Source2 != 0 && subscription.Source == 0 && !subscription.Given("source"))
            {
                report.Value(subscription, "source2", "'source2' needs 'source'");
            }

            report.Address(subscription, "destination", subscription.Destination, AddressKind.Group);
            if (subscription.Timeout is { } timeout && timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
            {
                report.Value(subscription, "timeout", "'timeout' must be positive (or \"infinite\" for no supervision)");
            }

            if (subscription.ExpectedCycle is { } expected && expected < PlanLimits.MinCycle)
            {
                report.Value(subscription, "expected-cycle", "'expected-cycle' must be at least 1ms");
            }
        }
    }
}
