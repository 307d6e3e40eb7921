using System.Text;

namespace TrdpSim.Plan.Addresses;

/// <summary>Keeps a run's traffic on this machine unless the user opts in: finds every address a plan
/// would send to, join or serve from outside the loopback range.</summary>
/// <remarks>
/// <para>Flagged: a device's own address outside 127.0.0.0/8 (its sockets bind it and answer pulls,
/// statistics pulls and MD requests from there); a destination (publication, pull target, pull
/// reply address, MD call) outside 127.0.0.0/8; a multicast group sent to or joined by a device whose own
/// address is outside 127.0.0.0/8. Accepted-sender filters (subscription and replier <c>source</c>) send
/// nothing and are never flagged.</para>
/// <para>Multicast groups (224.0.0.0/4) are not loopback addresses, but a group's traffic leaves through
/// the interface that holds the sending device's address (<c>IP_MULTICAST_IF</c>) and is joined on the
/// joining device's interface: for a 127.x.y.z device that is <c>lo</c>, so the group never reaches a
/// network. Hence a group is allowed exactly when the device that sends to or joins it has a loopback
/// address.</para>
/// <para>On the in-memory network no datagram reaches a socket, so only MD over TCP (which always uses
/// real sockets) is checked there: TCP calls to a non-loopback host and TCP repliers on a non-loopback
/// device.</para>
/// </remarks>
public static class LoopbackGuard
{
    /// <summary>The loopback network, 127.0.0.0/8.</summary>
    public static bool IsLoopback(uint address) => (address >> 24) == 127;

    /// <summary>Every address use of <paramref name="plan"/> that would take traffic off this machine.</summary>
    /// <param name="plan">The plan, addresses already mapped.</param>
    /// <param name="datagramsOnTheWire">False on the in-memory network: then only TCP uses count.</param>
    public static List<AddressUse> Exposed(RunPlan plan, bool datagramsOnTheWire)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var exposed = new List<AddressUse>();
        foreach (AddressUse use in PlanAddresses.All(plan))
        {
            if ((datagramsOnTheWire || use.Tcp) && LeavesTheMachine(use))
            {
                exposed.Add(use);
            }
        }

        return exposed;
    }

    /// <summary>One error per exposed address at its item's origin, then one that says how to fix it; empty
    /// when nothing is exposed or the plan opts in (<see cref="NetworkPlan.AllowNetwork"/>).</summary>
    public static List<PlanError> Check(RunPlan plan, bool datagramsOnTheWire)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<PlanError>();
        if (plan.Network.AllowNetwork)
        {
            return errors;
        }

        List<AddressUse> exposed = Exposed(plan, datagramsOnTheWire);
        foreach (AddressUse use in exposed)
        {
            errors.Add(new PlanError(use.Origin, Describe(use)));
        }

        if (exposed.Count > 0)
        {
            errors.Add(new PlanError(SourceLocation.None, Advice(exposed)));
        }

        return errors;
    }

    /// <summary>What is wrong with one exposed use, e.g. <c>device 'ccu' publication 'speed' destination
    /// 10.0.0.5 is outside the loopback range</c>.</summary>
    public static string Describe(AddressUse use)
    {
        ArgumentNullException.ThrowIfNull(use);
        string address = AddressParser.Format(use.Address);
        string device = AddressParser.Format(use.Device.Address);
        return use.Role switch
        {
            AddressRole.Device => $"{use.Describe()} {address} is outside the loopback range 127.0.0.0/8: the device would send, answer and listen on a network",
            AddressRole.Group => $"{use.Owner()} joins the multicast group {address} on device address {device}, outside the loopback range: the join reaches a network",
            _ when AddressParser.IsMulticast(use.Address) =>
                $"{use.Owner()} sends to the multicast group {address} from device address {device}, outside the loopback range: the group is sent on a network",
            _ => $"{use.Describe()} {address} is outside the loopback range 127.0.0.0/8",
        };
    }

    /// <summary>The fix: which addresses, and the two ways out (map them, or opt in).</summary>
    public static string Advice(IReadOnlyList<AddressUse> exposed)
    {
        ArgumentNullException.ThrowIfNull(exposed);
        var hosts = new List<uint>();
        foreach (AddressUse use in exposed)
        {
            uint address = use.Role == AddressRole.Group || AddressParser.IsMulticast(use.Address) ? use.Device.Address : use.Address;
            if (!IsLoopback(address) && !hosts.Contains(address))
            {
                hosts.Add(address);
            }
        }

        hosts.Sort();
        return Refusal(hosts)
            .Append(" or [import] address-map in the configuration, or send on a network on purpose with --allow-network or [network] allow-network = true")
            .ToString();
    }

    /// <summary>The refusal naming the <paramref name="hosts"/> (the first eight) and the address map as the way
    /// out, in the words <c>run</c> and <c>replay</c> share; each adds its own ways to opt in.</summary>
    internal static StringBuilder Refusal(IReadOnlyList<uint> hosts)
    {
        var text = new StringBuilder("refusing to send outside the loopback range (");
        for (int i = 0; i < hosts.Count && i < 8; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(AddressParser.Format(hosts[i]));
        }

        if (hosts.Count > 8)
        {
            text.Append(", … ").Append(hosts.Count - 8).Append(" more");
        }

        return text.Append("); map them onto loopback with --address-map, e.g. --address-map ")
            .Append(AddressParser.Format(hosts.Count > 0 ? hosts[0] : 0)).Append("=127.0.0.2 (repeatable; networks too: 10.0.0.0/24=127.0.1.0/24)");
    }

    private static bool LeavesTheMachine(AddressUse use) => use.Role switch
    {
        AddressRole.SourceFilter => false,
        AddressRole.Device => !IsLoopback(use.Address),
        AddressRole.Group => !IsLoopback(use.Device.Address),
        _ => AddressParser.IsMulticast(use.Address) ? !IsLoopback(use.Device.Address) : !IsLoopback(use.Address),
    };
}
