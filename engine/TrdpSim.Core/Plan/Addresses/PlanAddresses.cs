namespace TrdpSim.Plan.Addresses;

/// <summary>Lists every address a plan names, with what it is for, so that rewriting addresses
/// (<see cref="AddressMapper"/>) and checking where traffic goes (<see cref="LoopbackGuard"/>) see the same set.</summary>
/// <remarks>A plan item that gets a new address field must be added here, or neither the map nor the
/// guard will see it.</remarks>
public static class PlanAddresses
{
    /// <summary>Every non-zero address slot of <paramref name="plan"/>, device by device.</summary>
    public static List<AddressUse> All(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var uses = new List<AddressUse>();
        foreach (DevicePlan device in plan.Devices)
        {
            bool tcpServer = false;
            foreach (MdReplierPlan replier in device.MdRepliers)
            {
                tcpServer |= replier.Protocol == MdProtocol.Tcp;
            }

            Add(uses, device.Address, AddressRole.Device, device, string.Empty, "address", tcpServer, device.Origin, a =>
            {
                device.Address = a;
                if (device.Interfaces.Count > 0)
                {
                    device.Interfaces[0] = a; // the first interface is the device's address
                }
            });
            for (var i = 1; i < device.Interfaces.Count; i++)
            {
                var index = i;
                Add(uses, device.Interfaces[i], AddressRole.Device, device, string.Empty, "interfaces", false, device.Origin, a => device.Interfaces[index] = a);
            }

            foreach (PublicationPlan p in device.Publications)
            {
                Add(uses, p.Destination, AddressRole.Destination, device, $"publication '{p.Name}'", "destination", false, p.Origin, a => p.Destination = a);
            }

            foreach (SubscriptionPlan s in device.Subscriptions)
            {
                string item = $"subscription '{s.Name}'";
                Add(uses, s.Source, AddressRole.SourceFilter, device, item, "source", false, s.Origin, a => s.Source = a);
                Add(uses, s.Source2, AddressRole.SourceFilter, device, item, "source2", false, s.Origin, a => s.Source2 = a);
                Add(uses, s.Destination, AddressRole.Group, device, item, "destination", false, s.Origin, a => s.Destination = a);
            }

            foreach (PullRequestPlan pull in device.PullRequests)
            {
                string item = $"pull '{pull.Name}'";
                Add(uses, pull.Target, AddressRole.Destination, device, item, "target", false, pull.Origin, a => pull.Target = a);
                Add(uses, pull.ReplyAddress, AddressRole.ReplyAddress, device, item, "reply-address", false, pull.Origin, a => pull.ReplyAddress = a);
            }

            foreach (StatisticsPollPlan poll in device.StatisticsPolls)
            {
                Add(uses, poll.Target, AddressRole.Destination, device, $"poll-statistics '{poll.Name}'", "target", false, poll.Origin, a => poll.Target = a);
            }

            foreach (MdCallerPlan call in device.MdCallers)
            {
                Add(uses, call.Destination, AddressRole.Destination, device, $"md-call '{call.Name}'", "destination",
                    call.Protocol == MdProtocol.Tcp, call.Origin, a => call.Destination = a);
            }

            foreach (MdReplierPlan replier in device.MdRepliers)
            {
                string item = $"md-reply '{replier.Name}'";
                Add(uses, replier.Source, AddressRole.SourceFilter, device, item, "source", false, replier.Origin, a => replier.Source = a);
                Add(uses, replier.Group, AddressRole.Group, device, item, "group", false, replier.Origin, a => replier.Group = a);
            }
        }

        return uses;
    }

    private static void Add(
        List<AddressUse> uses, uint address, AddressRole role, DevicePlan device, string item, string key, bool tcp, SourceLocation origin, Action<uint> set)
    {
        if (address != 0)
        {
            uses.Add(new AddressUse(address, role, device, item, key, tcp, origin, set));
        }
    }
}
