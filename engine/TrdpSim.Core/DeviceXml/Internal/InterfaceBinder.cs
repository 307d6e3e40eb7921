using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Binds one <c>bus-interface</c>: a virtual device at its <c>host-ip</c>, its session settings,
/// then its telegrams.</summary>
internal static class InterfaceBinder
{
    public static void Bind(XmlElementNode element, string host, bool several, ComParameters comParameters, TrainBinder train)
    {
        Problems problems = train.Problems;
        var r = new ElementReader(element, problems);
        r.TryNumber("network-id", 1, 4, out _, out _);
        string interfaceName = r.Text("name") ?? string.Empty;
        if (interfaceName.Length == 0)
        {
            problems.Error(element.Origin, "<bus-interface> needs a name (the interface it runs on)");
        }

        var device = new DevicePlan
        {
            Name = several ? host + "/" + interfaceName : host,
            Origin = element.Origin,
        };
        XmlAttributeNode? hostIp = r.Take("host-ip");
        SourceLocation addressAt = hostIp?.Origin ?? element.Origin;
        if (hostIp is null)
        {
            problems.Error(element.Origin, "<bus-interface> needs a host-ip: each interface is played as a device bound to that address");
        }
        else if (!AddressParser.TryParse(hostIp.Value.Trim(), out uint address) || address == 0 || address == uint.MaxValue || AddressParser.IsMulticast(address))
        {
            problems.Error(hostIp.Origin, $"<bus-interface> host-ip=\"{hostIp.Value}\" is not a host address a.b.c.d");
        }
        else
        {
            device.Address = address;
        }

        if (r.Take("leader-ip") is { } leader &&
            (!AddressParser.TryParse(leader.Value.Trim(), out uint leaderIp) || leaderIp != device.Address))
        {
            problems.NotPlayedYet("<bus-interface> leader-ip", Reasons.Leader, leader.Origin);
        }

        r.Finish();
        var settings = new InterfaceSettings { Interface = element.Origin };
        var telegrams = new List<XmlElementNode>();
        foreach (XmlElementNode child in element.Children)
        {
            if (child.Is("trdp-process"))
            {
                settings.ReadProcess(new ElementReader(child, problems));
            }
            else if (child.Is("pd-com-parameter"))
            {
                settings.ReadPd(new ElementReader(child, problems));
            }
            else if (child.Is("md-com-parameter"))
            {
                settings.ReadMd(new ElementReader(child, problems));
            }
            else if (child.Is("telegram"))
            {
                telegrams.Add(child);
            }
            else
            {
                problems.Unknown("element " + child.Tag + " in <bus-interface>", child.Origin);
            }
        }

        NetworkPlan network = train.Network(settings, device.Name);
        train.AddDevice(device, element.Origin, addressAt);
        var context = new InterfaceContext(device, settings, network, comParameters, problems);
        foreach (XmlElementNode telegram in telegrams)
        {
            TelegramShape shape = TelegramShape.Read(telegram, problems);
            if (shape.Md is not null)
            {
                MdTelegramBinder.Bind(shape, context);
            }
            else
            {
                PdTelegramBinder.Bind(shape, context);
            }
        }
    }
}
