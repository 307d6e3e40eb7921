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
            Repeat(pull, pull.Interval, pull.Timeout, report);
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

            Repeat(poll, poll.Interval, poll.Timeout, report);
        }
    }

    /// <summary>A request sent every <paramref name="interval"/> that waits up to <paramref name="timeout"/> for its
    /// reply: pulls and statistics polls are paced alike.</summary>
    private static void Repeat(PlanEntry request, TimeSpan interval, TimeSpan timeout, PlanReport report)
    {
        if (interval < PlanLimits.MinCycle)
        {
            report.Value(request, "interval", "'interval' must be at least 1ms");
        }

        report.Positive(request, "timeout", timeout);
    }
}
