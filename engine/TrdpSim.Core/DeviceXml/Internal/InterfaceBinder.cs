using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Binds one <c>bus-interface</c>: its address (the device's, or one more interface of a multi-homed
/// device), its session settings, then its telegrams.</summary>
internal static class InterfaceBinder
{
    /// <param name="element">The <c>bus-interface</c>.</param>
    /// <param name="device">The file's device.</param>
    /// <param name="face">The interface's place in the file (0 = the first).</param>
    /// <param name="several">Whether the device has several interfaces (it is then multi-homed).</param>
    /// <param name="items">The device's items across its interfaces.</param>
    /// <param name="comParameters">The file's com-parameters.</param>
    /// <param name="train">The train.</param>
    public static void Bind(XmlElementNode element, DevicePlan device, int face, bool several, DeviceItems items, ComParameters comParameters, TrainBinder train)
    {
        Problems problems = train.Problems;
        var r = new ElementReader(element, problems);
        r.TryNumber("network-id", 1, 4, out _, out _);
        string interfaceName = r.Text("name") ?? string.Empty;
        if (interfaceName.Length == 0)
        {
            problems.Error(element.Origin, "<bus-interface> needs a name (the interface it runs on)");
        }

        XmlAttributeNode? hostIp = r.Take("host-ip");
        SourceLocation addressAt = hostIp?.Origin ?? element.Origin;
        uint address = 0;
        if (hostIp is null)
        {
            problems.Error(element.Origin, "<bus-interface> needs a host-ip: each interface is played at that address");
        }
        else if (!AddressParser.TryParse(hostIp.Value.Trim(), out address) || address == 0 || address == uint.MaxValue || AddressParser.IsMulticast(address))
        {
            problems.Error(hostIp.Origin, $"<bus-interface> host-ip=\"{hostIp.Value}\" is not a host address a.b.c.d");
            address = 0;
        }

        if (face == 0)
        {
            device.Address = address;
        }

        if (several)
        {
            device.Interfaces.Add(address);
        }

        if (r.Take("leader-ip") is { } leader &&
            (!AddressParser.TryParse(leader.Value.Trim(), out uint leaderIp) || leaderIp != address))
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
        if (face == 0)
        {
            train.AddDevice(device, element.Origin, addressAt);
        }
        else
        {
            train.AddAddress(device, address, addressAt);
        }

        var context = new InterfaceContext(device, face, items, settings, network, comParameters, problems);
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
