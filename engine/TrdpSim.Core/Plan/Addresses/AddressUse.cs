namespace TrdpSim.Plan.Addresses;

/// <summary>What an address in a plan is for; decides whether traffic goes there.</summary>
public enum AddressRole
{
    /// <summary>A device's own address: its sockets bind it, its replies leave from it.</summary>
    Device,

    /// <summary>Where a publication, a pull or an MD call sends (host or multicast group).</summary>
    Destination,

    /// <summary>Where a pull asks the reply to go.</summary>
    ReplyAddress,

    /// <summary>A multicast group a subscription or a replier joins.</summary>
    Group,

    /// <summary>An accepted sender (subscription or replier filter): nothing is sent there.</summary>
    SourceFilter,
}

/// <summary>One address slot of a plan: its value, what it is for, who owns it and where it was written.</summary>
/// <param name="Address">The address, host order (never 0: unset slots are not listed).</param>
/// <param name="Role">What the address is for.</param>
/// <param name="Device">The owning device.</param>
/// <param name="Item">The plan item, e.g. <c>publication 'speed'</c>; empty for the device's own address.</param>
/// <param name="Key">The key that holds it (<c>destination</c>, <c>source2</c>, …), for messages.</param>
/// <param name="Tcp">The item talks MD over TCP, which always uses real sockets (even on the in-memory network).</param>
/// <param name="Origin">Where the item was written.</param>
/// <param name="Set">Writes a new value into the slot.</param>
public sealed record AddressUse(
    uint Address, AddressRole Role, DevicePlan Device, string Item, string Key, bool Tcp, SourceLocation Origin, Action<uint> Set)
{
    /// <summary><c>device 'x' publication 'y' destination</c>, for messages.</summary>
    public string Describe() => Owner() + " " + Key;

    /// <summary><c>device 'x' publication 'y'</c> (or <c>device 'x'</c>), for messages.</summary>
    public string Owner() => Item.Length == 0 ? $"device '{Device.Name}'" : $"device '{Device.Name}' {Item}";
}
