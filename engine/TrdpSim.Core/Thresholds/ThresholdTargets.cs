using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;

namespace TrdpSim.Thresholds;

/// <summary>Checks, from the plan alone, that every threshold's selector will match a telemetry series.</summary>
/// <remarks>
/// For <c>trdpsim validate</c>, which must not open sockets or build histograms: the series a compiled
/// run creates are known from the plan — one per publication, subscription and pull (labelled with the
/// device, the plan name, the first ComId and the role), one per MD caller and replier, plus each MD
/// device's "(no listener)" replier. <see cref="ThresholdMonitor.Unmatched"/> makes the same check on
/// the compiled run.
/// </remarks>
internal static class ThresholdTargets
{
    /// <summary>One error per threshold that would see no series, at the threshold's origin.</summary>
    public static IReadOnlyList<PlanError> Check(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<PlanError>();
        foreach (ThresholdPlan threshold in plan.Thresholds)
        {
            MetricDefinition? metric = MetricCatalog.Find(threshold.Metric.Name);
            if (metric is not null && !AnySeries(metric, threshold.Metric, plan))
            {
                errors.Add(new PlanError(threshold.Origin,
                    $"threshold '{threshold.MetricText}' matches no {metric.Name} series of this run (check device, telegram, comId and role)"));
            }
        }

        return errors;
    }

    private static bool AnySeries(MetricDefinition metric, MetricSelector selector, RunPlan plan)
    {
        if (metric.Family is MetricFamily.Rejects or MetricFamily.Engine)
        {
            return true;
        }

        foreach (DevicePlan device in plan.Devices)
        {
            if (metric.Family == MetricFamily.DutStatistics)
            {
                if (device.StatisticsPolls.Any(poll => MetricBinder.Matches(selector, device.Name, poll.Name, StatisticsDataset.ComId,
                        MetricCatalog.PdRoles[(int)TelegramRole.Pull])))
                {
                    return true;
                }

                continue;
            }

            if (metric.Family == MetricFamily.ProcessData)
            {
                TelegramRole? only = MetricBinder.PdRole(metric.Name);
                if (device.Publications.Any(p => Pd(selector, only, device, p.Name, p.ComId, TelegramRole.Publish))
                    || device.Subscriptions.Any(s => Pd(selector, only, device, s.Name, s.ComId, TelegramRole.Subscribe))
                    || device.PullRequests.Any(p => Pd(selector, only, device, p.Name, p.ComId, TelegramRole.Pull))
                    || device.StatisticsPolls.Any(p => Pd(selector, only, device, p.Name, StatisticsDataset.ComId, TelegramRole.Pull)))
                {
                    return true;
                }

                continue;
            }

            if (device.MdCallers.Count == 0 && device.MdRepliers.Count == 0)
            {
                continue;
            }

            MdRole? onlyMd = MetricBinder.MdRoleOf(metric.Name);
            if (Md(selector, onlyMd, device, "(no listener)", 0, MdRole.Replier)
                || device.MdCallers.Any(c => Md(selector, onlyMd, device, c.Name, c.ComId, MdRole.Caller))
                || device.MdRepliers.Any(r => Md(selector, onlyMd, device, r.Name, r.ComId, MdRole.Replier)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Pd(MetricSelector selector, TelegramRole? only, DevicePlan device, string name, uint comId, TelegramRole role) =>
        (only is null || only == role) && MetricBinder.Matches(selector, device.Name, name, comId, MetricCatalog.PdRoles[(int)role]);

    private static bool Md(MetricSelector selector, MdRole? only, DevicePlan device, string name, uint comId, MdRole role) =>
        (only is null || only == role) && MetricBinder.Matches(selector, device.Name, name, comId, MetricCatalog.MdRoles[(int)role]);
}
