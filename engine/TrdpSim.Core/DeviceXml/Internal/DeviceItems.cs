using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>The item names of one device across its bus interfaces, and which interfaces declare each item.</summary>
/// <remarks>A device with several bus interfaces is one multi-homed device of the plan, which sends and receives
/// every telegram on each interface. So the same telegram declared on several interfaces (same item name and
/// ComId) is one item of the device, kept as the first interface declares it; a second item of that name on the
/// same interface, or with another ComId, is an error as before.</remarks>
internal sealed class DeviceItems
{
    private readonly Dictionary<(string Kind, string Name), Entry> _items = [];

    /// <summary>The train's copies whose address differs from the kept item's, checked once every file is read.</summary>
    public List<TelegramCopy> Copies { get; } = [];

    /// <summary>Claims an item for interface <paramref name="face"/>: true = add it; false = not added, either a clash
    /// (reported) or the copy on this interface of an item an earlier interface declared (<paramref name="address"/>:
    /// its destination or source, kept for the train's check).</summary>
    public bool Claim(DevicePlan device, int face, string kind, string name, uint comId, uint address, SourceLocation at, Problems problems)
    {
        if (!_items.TryGetValue((kind, name), out Entry? entry))
        {
            _items.Add((kind, name), new Entry(at, face, comId, address) { Faces = 1 << face });
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

    /// <summary>Reports, once per kind of item, every item that only some of the device's <paramref name="interfaces"/>
    /// declare: the device plays it on each of them.</summary>
    public void ReportPartial(int interfaces, Problems problems)
    {
        if (interfaces < 2)
        {
            return;
        }

        int all = (1 << interfaces) - 1;
        foreach (((string kind, string _), Entry entry) in _items)
        {
            if (entry.Faces != all)
            {
                problems.NotPlayedYet($"a {kind} of some bus interfaces of a device with several",
                    "a device with several bus interfaces is one multi-homed device that sends and receives each telegram on every interface", entry.At);
            }
        }
    }

    private sealed record Entry(SourceLocation At, int FirstFace, uint ComId, uint Address)
    {
        public int Faces { get; set; }
    }
}

/// <summary>The same telegram on a later bus interface of a device, with another destination (or source) than the
/// first interface's.</summary>
internal sealed record TelegramCopy(string Device, string Kind, string Name, uint Kept, uint Other, SourceLocation At);
