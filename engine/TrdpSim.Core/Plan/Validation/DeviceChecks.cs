namespace TrdpSim.Plan.Validation;

/// <summary>Devices: unique names and host addresses across the whole plan (every file of a composed run),
/// then each device's telegrams.</summary>
internal static class DeviceChecks
{
    public static void Check(RunPlan plan, DatasetIndex datasets, PlanReport report)
    {
        var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var addresses = new Dictionary<uint, SourceLocation>();
        foreach (DevicePlan device in plan.Devices)
        {
            report.NotEmpty(device, "name", device.Name);
            if (device.Name.Length > 0 && PlanReport.Judged(device, "name") && !names.TryAdd(device.Name, device.Origin))
            {
                report.Value(device, "name", $"duplicate device name '{device.Name}' (first defined at {names[device.Name]})");
            }

            report.Address(device, "address", device.Address, AddressKind.Host);
            if (device.Address != 0 && PlanReport.Judged(device, "address") && !addresses.TryAdd(device.Address, device.Origin))
            {
                report.Value(device, "address", $"duplicate device address {AddressParser.Format(device.Address)} (first used at {addresses[device.Address]})");
            }

            PublicationChecks.Check(device, datasets, report);
            SubscriptionChecks.Check(device, report);
            PullChecks.Check(device, report);
            MdCallerChecks.Check(device, datasets, report);
            MdReplierChecks.Check(device, datasets, report);
        }
    }
}
