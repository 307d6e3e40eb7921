using TrdpSim.Plan;

namespace TrdpSim.Composition;

/// <summary>The multicast groups a device's items join: subscriptions their destination, MD repliers their group.</summary>
internal static class MulticastJoins
{
    /// <summary>The groups of the <paramref name="items"/> that play on interface <paramref name="face"/> (those scoped to
    /// it, or unscoped), each once, in the items' order; -1 = on any interface. A group of 0 is none.</summary>
    public static List<uint> Groups<T>(DevicePlan device, IEnumerable<T> items, Func<T, uint> group, int face)
        where T : IInterfaceScoped
    {
        var groups = new List<uint>();
        foreach (T item in items)
        {
            var joins = face < 0 || (InterfaceNames.Mask(item.InterfaceScope, device.Interfaces.Count) & (1 << face)) != 0;
            uint address = group(item);
            if (joins && address != 0 && !groups.Contains(address))
            {
                groups.Add(address);
            }
        }

        return groups;
    }
}
