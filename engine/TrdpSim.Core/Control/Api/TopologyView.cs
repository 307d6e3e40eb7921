using TrdpSim.Plan;
using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Control.Api;

/// <summary>Builds a run's topology from its plan: configured telegrams (not instances, so a 10,000-telegram entry is
/// one box) and links by ComId — a publication to each subscription of an overlapping ComId range (from its
/// device, when the subscription names a source), a pull to the publications of its ComId, an MD caller to the
/// repliers of its ComId. Set-up data only: nothing here reads the live run.</summary>
internal static class TopologyView
{
    public static TopologyResponse Build(string run, RunPlan plan)
    {
        var errors = new List<PlanError>();
        var datasets = new DatasetResolver(plan.Datasets, errors);
        var devices = new List<TopologyDevice>();
        var telegrams = new List<TopologyTelegram>();
        var links = new List<TopologyLink>();
        var fieldsByComId = new Dictionary<uint, List<TopologyField>>();
        var publications = new List<(DevicePlan Device, PublicationPlan Plan, string Id)>();
        foreach (var device in plan.Devices)
        {
            devices.Add(new TopologyDevice(device.Name, AddressParser.Format(device.Address)));
            foreach (var p in device.Publications)
            {
                var fields = Fields(datasets, p.DatasetId, p.Origin);
                fieldsByComId.TryAdd(p.ComId, fields);
                var id = Id(device, p.Name);
                publications.Add((device, p, id));
                telegrams.Add(new TopologyTelegram(id, device.Name, p.Name, "pd", "publish", p.ComId, p.Count, p.Cycle.TotalSeconds, fields));
            }
        }

        foreach (var device in plan.Devices)
        {
            foreach (var s in device.Subscriptions)
            {
                var id = Id(device, s.Name);
                telegrams.Add(new TopologyTelegram(id, device.Name, s.Name, "pd", "subscribe", s.ComId, s.Count, null,
                    fieldsByComId.TryGetValue(s.ComId, out var f) ? f : []));
                foreach (var (owner, p, from) in publications)
                {
                    if (Overlap(p.ComId, p.Count, p.ComIdStep, s.ComId, s.Count, s.ComIdStep) &&
                        (s.Source == 0 || s.Source == owner.Address || s.Source2 == owner.Address))
                    {
                        links.Add(new TopologyLink(from, id, s.ComId, "pd"));
                    }
                }
            }

            foreach (var pull in device.PullRequests)
            {
                var id = Id(device, pull.Name);
                telegrams.Add(new TopologyTelegram(id, device.Name, pull.Name, "pull", "pull", pull.ComId, 1, pull.Interval.TotalSeconds,
                    fieldsByComId.TryGetValue(pull.ReplyComId == 0 ? pull.ComId : pull.ReplyComId, out var f) ? f : []));
                foreach (var (owner, p, to) in publications)
                {
                    if (Overlap(p.ComId, p.Count, p.ComIdStep, pull.ComId, 1, 1) && (pull.Target == 0 || pull.Target == owner.Address || IsMulticast(pull.Target)))
                    {
                        links.Add(new TopologyLink(id, to, pull.ComId, "pull"));
                    }
                }
            }
        }

        var repliers = new List<(DevicePlan Device, MdReplierPlan Plan, string Id)>();
        foreach (var device in plan.Devices)
        {
            foreach (var r in device.MdRepliers)
            {
                var id = Id(device, r.Name);
                repliers.Add((device, r, id));
                telegrams.Add(new TopologyTelegram(id, device.Name, r.Name, "md", "replier", r.ComId, 1, null, Fields(datasets, r.DatasetId, r.Origin)));
            }
        }

        foreach (var device in plan.Devices)
        {
            foreach (var c in device.MdCallers)
            {
                var id = Id(device, c.Name);
                telegrams.Add(new TopologyTelegram(id, device.Name, c.Name, "md", "caller", c.ComId, 1, c.Rate > 0 ? 1 / c.Rate : null,
                    Fields(datasets, c.DatasetId, c.Origin)));
                foreach (var (owner, r, to) in repliers)
                {
                    if (r.ComId == c.ComId && (c.Destination == 0 || c.Destination == owner.Address || IsMulticast(c.Destination)))
                    {
                        links.Add(new TopologyLink(id, to, c.ComId, "md"));
                    }
                }
            }
        }

        return new TopologyResponse(run, devices, telegrams, links);
    }

    private static string Id(DevicePlan device, string name) => device.Name + "/" + name;

    private static bool IsMulticast(uint address) => address >> 28 == 0xE;

    /// <summary>Whether two ComId ranges (first, count, step) share a ComId.</summary>
    internal static bool Overlap(uint a, int countA, uint stepA, uint b, int countB, uint stepB)
    {
        if (countA <= 1 && countB <= 1)
        {
            return a == b;
        }

        // Small entries are compared exactly; a large one against a single ComId by arithmetic.
        if (countB == 1 || countA == 1)
        {
            var (first, count, step, single) = countB == 1 ? (a, countA, stepA, b) : (b, countB, stepB, a);
            return single >= first && (step == 0 ? single == first : (single - first) % step == 0 && (single - first) / step < (ulong)count);
        }

        var lastA = a + (ulong)Math.Max(0, countA - 1) * stepA;
        var lastB = b + (ulong)Math.Max(0, countB - 1) * stepB;
        return a <= lastB && b <= lastA;
    }

    private static List<TopologyField> Fields(DatasetResolver datasets, uint? datasetId, SourceLocation origin)
    {
        var list = new List<TopologyField>();
        if (datasetId is not { } id || datasets.Layout(id, origin, []) is not { } layout)
        {
            return list;
        }

        foreach (var field in layout.Fields)
        {
            list.Add(new TopologyField(field.Path, TrdpDataTypes.GetName(field.Type) ?? field.Type.ToString()));
        }

        return list;
    }
}
