using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>A device's <c>com-parameter-list</c>: send parameters (QoS, TTL, retries) telegrams refer to by id.</summary>
/// <remarks>As in TCNopen, id 1 means the interface's PD parameters and id 2 its MD parameters, whatever
/// the list says; a telegram without <c>com-parameter-id</c> uses the parameters of its own kind.</remarks>
internal sealed class ComParameters
{
    public const uint PdDefault = 1;
    public const uint MdDefault = 2;

    private readonly Dictionary<uint, Entry> _entries = [];

    public void Read(XmlElementNode list, Problems problems)
    {
        new ElementReader(list, problems).Finish();
        foreach (XmlElementNode child in list.Children)
        {
            if (!child.Is("com-parameter"))
            {
                problems.Unknown("element " + child.Tag + " in " + list.Tag, child.Origin);
                continue;
            }

            var r = new ElementReader(child, problems);
            if (!r.TryNumber("id", 1, uint.MaxValue, out uint id, out SourceLocation idAt))
            {
                if (r.Take("id") is null)
                {
                    problems.Error(child.Origin, "<com-parameter> needs an id");
                }
            }

            var entry = new Entry(child.Origin);
            if (r.TryNumber("qos", 0, 7, out uint qos, out _))
            {
                entry.Qos = (byte)qos;
            }

            if (r.TryNumber("ttl", 1, byte.MaxValue, out uint ttl, out _))
            {
                entry.Ttl = (byte)ttl;
            }

            if (r.TryNumber("retries", 0, XmlLimits.MaxRetries, out uint retries, out _))
            {
                entry.Retries = retries;
            }

            r.Ignore("tsn", Reasons.Tsn);
            r.Ignore("vlan", Reasons.Vlan);
            r.Finish();
            if (id != 0 && !_entries.TryAdd(id, entry))
            {
                problems.Error(idAt, $"<com-parameter> id {id} is defined twice (first at {_entries[id].Origin})");
            }
        }
    }

    /// <summary>The parameters behind <paramref name="id"/> (null when the list has no such id).</summary>
    public Entry? Find(uint id) => _entries.TryGetValue(id, out Entry? entry) ? entry : null;

    /// <summary>One <c>com-parameter</c>; unset values fall back to the interface's.</summary>
    public sealed class Entry(SourceLocation origin)
    {
        public SourceLocation Origin { get; } = origin;

        public byte? Qos { get; set; }

        public byte? Ttl { get; set; }

        public uint? Retries { get; set; }
    }
}
