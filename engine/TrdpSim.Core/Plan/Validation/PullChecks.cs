namespace TrdpSim.Plan.Validation;

/// <summary>Pull requests and statistics polls: the responder, where the reply goes, interval and timeout.</summary>
internal static class PullChecks
{
    public static void Check(DevicePlan device, PlanReport report)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (PullRequestPlan pull in device.PullRequests)
        {
            TelegramChecks.Name(pull, pull.Name, "pull", names, report);
            report.Address(pull, "target", pull.Target, AddressKind.Host);
            report.Address(pull, "reply-address", pull.ReplyAddress, AddressKind.Any);
            if (pull.Interval < PlanLimits.MinCycle)
            {
                report.Value(pull, "interval", "'interval' must be at least 1ms");
            }

            report.Positive(pull, "timeout", pull.Timeout);
        }

        // A statistics reply names nothing but its source, so two polls of one device must poll different targets.
        var targets = new Dictionary<uint, string>();
        foreach (StatisticsPollPlan poll in device.StatisticsPolls)
        {
            TelegramChecks.Name(poll, poll.Name, "poll-statistics", names, report);
            if (poll.Target == 0)
            {
                report.Value(poll, "target", "'target' is required: the address of the device whose statistics are polled");
            }
            else
            {
                report.Address(poll, "target", poll.Target, AddressKind.Host);
                if (!targets.TryAdd(poll.Target, poll.Name))
                {
                    report.Value(poll, "target", $"'target' is already polled by '{targets[poll.Target]}' on this device");
                }
            }

            if (poll.Interval < PlanLimits.MinCycle)
            {
                report.Value(poll, "interval", "'interval' must be at least 1ms");
            }

            report.Positive(poll, "timeout", poll.Timeout);
        }
    }
}
