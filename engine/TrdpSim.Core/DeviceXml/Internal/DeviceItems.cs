using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>The item names of one device across its bus interfaces, and which interfaces declare each item.</summary>
/// <remarks>A device with several bus interfaces is one multi-homed device of the plan, which sends and receives
/// each telegram on the interfaces that declare it. So the same telegram declared on several interfaces (same item
/// name and ComId) is one item of the device, kept as the first interface declares it and scoped to the interfaces
/// that declare it (none when all do); a second item of that name on the same interface, or with another ComId, is
/// an error as before.</remarks>
internal sealed class DeviceItems
{
    private readonly Dictionary<(string Kind, string Name), Entry> _items = [];

    /// <summary>The train's copies whose address differs from the kept item's, checked once every file is read.</summary>
    public List<TelegramCopy> Copies { get; } = [];

    /// <summary>Claims an item for interface <paramref name="face"/>: true = add it; false = not added, either a clash
    /// (reported) or the copy on this interface of an item an earlier interface declared (<paramref name="address"/>:
    /// its destination or source, kept for the train's check).</summary>
    public bool Claim(DevicePlan device, int face, string kind, string name, uint comId, uint address, SourceLocation at, Problems problems,
        IInterfaceScoped item)
    {
        if (!_items.TryGetValue((kind, name), out Entry? entry))
        {
            _items.Add((kind, name), new Entry(at, face, comId, address, item) { Faces = 1 << face });
            return true;
        }

        if (entry.FirstFace != face && entry.ComId == comId && (entry.Faces & (1 << face)) == 0)
        {
            entry.Faces |= 1 << face;
            if (address != entry.Address)
            {
                Copies.Add(new TelegramCopy(device.Name, kind, name, entry.Address, address, at));
            }

            return false;
        }

        problems.Error(at, $"device '{device.Name}' has two {kind}s named '{name}' (first at {entry.At}): give the telegrams distinct name attributes");
        return false;
    }

    /// <summary>Scopes every item that only some of the device's <paramref name="interfaces"/> declare to those
    /// interfaces (in the device's order), so it plays there only, as TCNopen's session of each interface does.</summary>
    public void ScopePartial(int interfaces)
    {
        if (interfaces < 2)
        {
            return;
        }

        int all = (1 << interfaces) - 1;
        foreach (Entry entry in _items.Values)
        {
            if (entry.Faces == all)
            {
                continue;
            }

            for (int face = 0; face < interfaces; face++)
            {
                if ((entry.Faces & (1 << face)) != 0)
                {
                    entry.Item.InterfaceScope.Add(InterfaceNames.Name(face));
                }
            }
        }
    }

    private sealed record Entry(SourceLocation At, int FirstFace, uint ComId, uint Address, IInterfaceScoped Item)
    {
        public int Faces { get; set; }
    }
}

/// <summary>The same telegram on a later bus interface of a device, with another destination (or source) than the
/// first interface's.</summary>
internal sealed record TelegramCopy(string Device, string Kind, string Name, uint Kept, uint Other, SourceLocation At);
