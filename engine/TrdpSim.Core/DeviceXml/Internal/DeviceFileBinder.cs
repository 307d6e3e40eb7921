using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Binds one <c>device</c> element (one file): its com-parameters and datasets first, then its
/// <c>bus-interface</c>s, all of one device.</summary>
/// <remarks>
/// A TCNopen device opens one session per bus interface, each with its own address. trdpsim plays the file as
/// one device named after the <c>host-name</c>: with one interface at its <c>host-ip</c>; with several as a
/// multi-homed device whose <c>interfaces</c> are the <c>host-ip</c>s in file order (the first is its address),
/// which sends and receives each telegram on every interface. Redundancy is something else: two devices (two
/// files, two host-names) whose telegrams carry the same <c>pd-parameter redundant</c> group.
/// </remarks>
internal static class DeviceFileBinder
{
    public static void Bind(XmlElementNode root, TrainBinder train)
    {
        Problems problems = train.Problems;
        if (!root.Is("device"))
        {
            problems.Error(root.Origin, $"the root element is {root.Tag}; a TCNopen device configuration starts with <device>");
            return;
        }

        var r = new ElementReader(root, problems);
        XmlAttributeNode? hostName = r.Take("host-name");
        string host = hostName?.Value.Trim() ?? string.Empty;
        if (host.Length == 0)
        {
            problems.Error(hostName?.Origin ?? root.Origin, "<device> needs a host-name");
        }
        else if (host.Length > XmlLimits.MaxHostName)
        {
            problems.Error(hostName!.Origin, $"<device> host-name \"{host}\" has {host.Length} characters; TCNopen's labels hold at most {XmlLimits.MaxHostName}");
        }

        r.NotPlayedYet("leader-name", Reasons.Leader);
        r.Ignore("type", Reasons.DeviceType);
        r.Finish();

        var comParameters = new ComParameters();
        var interfaces = new List<XmlElementNode>();
        XmlElementNode? interfaceList = null;
        foreach (XmlElementNode child in root.Children)
        {
            if (child.Is("bus-interface-list"))
            {
                interfaceList = child;
                new ElementReader(child, problems).Finish();
                foreach (XmlElementNode item in child.Children)
                {
                    if (item.Is("bus-interface"))
                    {
                        interfaces.Add(item);
                    }
                    else
                    {
                        problems.Unknown("element " + item.Tag + " in <bus-interface-list>", item.Origin);
                    }
                }
            }
            else if (child.Is("com-parameter-list"))
            {
                comParameters.Read(child, problems);
            }
            else if (child.Is("data-set-list"))
            {
                train.AddDatasets(DatasetListBinder.Read(child, problems));
            }
            else if (child.Is("device-configuration"))
            {
                problems.Ignored("<device-configuration>", Reasons.Memory, child.Origin);
            }
            else if (child.Is("mapped-device-list"))
            {
                problems.Ignored("<mapped-device-list>", Reasons.MappedDevices, child.Origin);
            }
            else if (child.Is("debug"))
            {
                problems.Ignored("<debug>", Reasons.Debug, child.Origin);
            }
            else if (child.Is("service-list"))
            {
                problems.Ignored("<service-list>", Reasons.Services, child.Origin);
            }
            else
            {
                problems.Unknown("element " + child.Tag + " in <device>", child.Origin);
            }
        }

        if (interfaces.Count == 0)
        {
            problems.Error(interfaceList?.Origin ?? root.Origin, "<device> has no <bus-interface>: nothing to play");
            return;
        }

        if (interfaces.Count > InterfaceNames.Max)
        {
            problems.Error(interfaceList!.Origin, $"<device> has {interfaces.Count} <bus-interface>s; a device has at most {InterfaceNames.Max} (network-id 1…4)");
            return;
        }

        var device = new DevicePlan { Name = host, Origin = interfaces[0].Origin };
        var items = new DeviceItems();
        for (int face = 0; face < interfaces.Count; face++)
        {
            InterfaceBinder.Bind(interfaces[face], device, face, interfaces.Count > 1, items, comParameters, train);
        }

        train.AddItems(device, interfaces.Count, items);
    }
}
