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

            CheckInterfaces(device, addresses, report);
            PublicationChecks.Check(device, datasets, report);
            SubscriptionChecks.Check(device, report);
            PullChecks.Check(device, report);
            MdCallerChecks.Check(device, datasets, report);
            MdReplierChecks.Check(device, datasets, report);
            InterfaceScopeChecks.Check(device, report);
        }
    }

    /// <summary>A multi-homed device's <c>interfaces</c>: at most <see cref="InterfaceNames.Max"/>, host addresses, the first
    /// one its <c>address</c>, none used by another device or interface.</summary>
    private static void CheckInterfaces(DevicePlan device, Dictionary<uint, SourceLocation> addresses, PlanReport report)
    {
        if (device.Interfaces.Count == 0 || !PlanReport.Judged(device, "interfaces"))
        {
            return;
        }

        if (device.Interfaces.Count > InterfaceNames.Max)
        {
            report.Value(device, "interfaces", $"device '{device.Name}': at most {InterfaceNames.Max} interfaces, not {device.Interfaces.Count}");
            return;
        }

        if (device.Interfaces[0] != device.Address)
        {
            report.Value(device, "interfaces", $"device '{device.Name}': the first interface ({AddressParser.Format(device.Interfaces[0])}) must be the device's 'address' ({AddressParser.Format(device.Address)}); leave 'address' out");
        }

        for (var i = 1; i < device.Interfaces.Count; i++)
        {
            report.Address(device, "interfaces", device.Interfaces[i], AddressKind.Host);
            if (device.Interfaces[i] != 0 && !addresses.TryAdd(device.Interfaces[i], device.ValueAt("interfaces")))
            {
                report.Value(device, "interfaces", $"device '{device.Name}': interface {InterfaceNames.Name(i)} has the address {AddressParser.Format(device.Interfaces[i])} already used (at {addresses[device.Interfaces[i]]})");
            }
        }
    }
}
