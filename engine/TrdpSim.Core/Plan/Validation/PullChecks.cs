namespace TrdpSim.Plan.Validation;

/// <summary>Pull requests: the responder, where the reply goes, interval and timeout.</summary>
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
    }
}
