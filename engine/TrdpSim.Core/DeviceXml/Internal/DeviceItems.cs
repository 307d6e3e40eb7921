using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>The item names of one device across its bus interfaces, and which interfaces declare each item.</summary>
/// <remarks>A device with several bus interfaces is one multi-homed device of the plan, which sends and receives
/// each telegram on the interfaces that declare it. So the same telegram declared on several interfaces (same item
/// name and ComId) is one item of the device, kept as the first interface declares it and scoped to the interfaces
/// that declare it (none when all do); a second item of that name on the same interface, or with another ComId, is
/// an error as before. A later interface that declares the telegram with another destination (or source) has a copy
/// of its own, resolved once every file of the train is read (<see cref="Resolve"/>).</remarks>
internal sealed class DeviceItems
{
    private readonly Dictionary<(string Kind, string Name), Entry> _items = [];

    /// <summary>Later interfaces' copies whose address differs from the kept item's, for <see cref="Resolve"/>.</summary>
    private readonly List<Copy> _copies = [];

    /// <summary>Claims an item for interface <paramref name="face"/>: true = add it; false = not added, either a clash
    /// (reported) or the copy on this interface of an item an earlier interface declared (<paramref name="address"/>:
    /// its destination or source; another than the item's is kept for <see cref="Resolve"/>).</summary>
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
                _copies.Add(new Copy(entry, kind, name, face, address, at, item));
            }

            return false;
        }

        problems.Error(at, $"device '{device.Name}' has two {kind}s named '{name}' (first at {entry.At}): give the telegrams distinct name attributes");
        return false;
    }

    /// <summary>Once every file is read: a later interface's copy with another address plays as the kept item when both
    /// addresses are one multi-homed device of the train (<paramref name="oneDevice"/>: that device receives on each of
    /// its addresses). Otherwise it becomes an item of its own, named after the item and its interface
    /// (<c>status@b</c>), with its own address, scoped to the interfaces that declare it with that address, and the
    /// kept item no longer plays there — as TCNopen's session of each interface plays its own telegram. A copy whose
    /// name the device already has is reported as not played.</summary>
    public void Resolve(DevicePlan device, Func<uint, uint, bool> oneDevice, Problems problems)
    {
        foreach (Copy copy in _copies)
        {
            Entry kept = copy.Kept;
            if (oneDevice(kept.Address, copy.Address))
            {
                continue;
            }

            int bit = 1 << copy.Face;
            if (kept.Splits.Find(s => s.Address == copy.Address) is { } same)
            {
                // A further interface with the same other address: the item of the first such interface plays there too.
                same.Faces |= bit;
                kept.Faces &= ~bit;
                continue;
            }

            string name = copy.Name + "@" + InterfaceNames.Name(copy.Face);
            if (_items.TryGetValue((copy.Kind, name), out Entry? taken))
            {
                problems.NotPlayedYet($"the {copy.Kind} of a later bus interface with another address",
                    $"device '{device.Name}' plays {copy.Kind} '{copy.Name}' on interface {InterfaceNames.Name(copy.Face)} with "
                    + $"{AddressParser.Format(kept.Address)}, as the first interface declares it, not {AddressParser.Format(copy.Address)}: "
                    + $"its own item there would be '{name}', a name the device has already (at {taken.At})", copy.At);
                continue;
            }

            var split = new Entry(copy.At, copy.Face, kept.ComId, copy.Address, copy.Item) { Faces = bit };
            _items.Add((copy.Kind, name), split);
            kept.Splits.Add(split);
            kept.Faces &= ~bit;
            Add(device, kept, copy.Item, name);
        }
    }

    /// <summary>Scopes every item that only some of the device's <paramref name="interfaces"/> declare (or play, after
    /// <see cref="Resolve"/>) to those interfaces (in the device's order), so it plays there only, as TCNopen's session
    /// of each interface does.</summary>
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

    /// <summary>Names a copy <paramref name="name"/> and adds it to the device after the kept item and its earlier
    /// copies, so the import lists a telegram's items together.</summary>
    private static void Add(DevicePlan device, Entry kept, IInterfaceScoped copy, string name)
    {
        switch (copy)
        {
            case PublicationPlan publication:
                publication.Name = name;
                InsertAfter(device.Publications, kept, publication);
                break;
            case SubscriptionPlan subscription:
                subscription.Name = name;
                InsertAfter(device.Subscriptions, kept, subscription);
                break;
            case MdCallerPlan call:
                call.Name = name;
                InsertAfter(device.MdCallers, kept, call);
                break;
            case MdReplierPlan replier:
                replier.Name = name;
                InsertAfter(device.MdRepliers, kept, replier);
                break;
            default:
                throw new InvalidOperationException("no list for " + copy.GetType().Name);
        }
    }

    private static void InsertAfter<T>(List<T> items, Entry kept, T copy)
        where T : class, IInterfaceScoped
    {
        int index = -1;
        for (int i = 0; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i], kept.Item) || kept.Splits.Exists(s => ReferenceEquals(s.Item, items[i])))
            {
                index = i;
            }
        }

        items.Insert(index < 0 ? items.Count : index + 1, copy);
    }

    private sealed record Entry(SourceLocation At, int FirstFace, uint ComId, uint Address, IInterfaceScoped Item)
    {
        /// <summary>The interfaces that declare the item and play it (bit i = interface i).</summary>
        public int Faces { get; set; }

        /// <summary>The items of the later interfaces that declare it with another address.</summary>
        public List<Entry> Splits { get; } = [];
    }

    /// <summary>The same telegram on a later bus interface of a device, with another destination (or source) than the
    /// kept item's.</summary>
    private sealed record Copy(Entry Kept, string Kind, string Name, int Face, uint Address, SourceLocation At, IInterfaceScoped Item);
}
