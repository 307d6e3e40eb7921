namespace TrdpSim.Plan.Validation;

/// <summary>The <c>interfaces</c> an item of a device is scoped to: each one an interface the device has, named
/// once.</summary>
internal static class InterfaceScopeChecks
{
    public const string Key = "interfaces";

    public static void Check(DevicePlan device, PlanReport report)
    {
        CheckAll(device, device.Publications, "publish", report);
        CheckAll(device, device.Subscriptions, "subscribe", report);
        CheckAll(device, device.PullRequests, "pull", report);
        CheckAll(device, device.StatisticsPolls, "poll-statistics", report);
        CheckAll(device, device.MdCallers, "md-call", report);
        CheckAll(device, device.MdRepliers, "md-reply", report);
    }

    private static void CheckAll<T>(DevicePlan device, List<T> items, string kind, PlanReport report)
        where T : PlanEntry, IInterfaceScoped
    {
        foreach (T item in items)
        {
            Check(device, item, kind, report);
        }
    }

    private static void Check<T>(DevicePlan device, T item, string kind, PlanReport report)
        where T : PlanEntry, IInterfaceScoped
    {
        var scope = item.InterfaceScope;
        if (scope.Count == 0)
        {
            if (item.Given(Key))
            {
                report.Value(item, Key, $"device '{device.Name}' {kind} '{item.Name}': 'interfaces' must name at least one interface (leave it out for the default)");
            }

            return;
        }

        var count = Math.Max(1, device.Interfaces.Count);
        var has = Has(count);
        for (var i = 0; i < scope.Count; i++)
        {
            var index = InterfaceNames.IndexOf(scope[i]);
            if (index < 0 || index >= count)
            {
                report.Value(item, Key, $"device '{device.Name}' {kind} '{item.Name}': no interface '{scope[i]}' (the device has {has})");
            }
            else if (scope.IndexOf(scope[i]) < i)
            {
                report.Value(item, Key, $"device '{device.Name}' {kind} '{item.Name}': interface '{scope[i]}' is named twice");
            }
        }
    }

    /// <summary>"a" or "a, b" …: the interfaces a device with <paramref name="count"/> of them has.</summary>
    private static string Has(int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = InterfaceNames.Name(i);
        }

        return count == 1 ? "only 'a'" : string.Join(", ", names);
    }
}
