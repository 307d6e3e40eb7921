using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Binds the device files of one train into one plan: device names and addresses unique across
/// the files, each dataset once, one network for the run.</summary>
/// <remarks>
/// The run's network (ports, QoS, TTL, default timeouts, traffic shaping, MD session settings) comes from
/// the first bus interface read. A later interface with other defaults for timeouts and validity passes
/// them to its own telegrams (the plan has a place for them); one with another port, QoS, TTL or other
/// run-wide setting is reported as not played yet.
/// </remarks>
internal sealed class TrainBinder
{
    private readonly Dictionary<uint, DatasetPlan> _datasets = [];
    private readonly Dictionary<string, DatasetPlan> _datasetNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _deviceNames = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, (string Name, SourceLocation At)> _deviceAddresses = [];
    private readonly List<(DevicePlan Device, int Interfaces, DeviceItems Items)> _items = [];
    private InterfaceSettings? _first;

    public TrainBinder(string firstFile)
    {
        Plan = new RunPlan { SourcePath = firstFile };
        string stem = Path.GetFileNameWithoutExtension(firstFile);
        if (stem.Length > 0)
        {
            Plan.Name = stem;
        }
    }

    public Problems Problems { get; } = new();

    public RunPlan Plan { get; }

    /// <summary>Adds a file's datasets: a dataset another file already defined the same way is kept once.</summary>
    public void AddDatasets(List<DatasetPlan> datasets)
    {
        foreach (DatasetPlan dataset in datasets)
        {
            if (_datasets.TryGetValue(dataset.Id, out DatasetPlan? known))
            {
                if (!SameLayout(known, dataset))
                {
                    Problems.Error(dataset.Origin, $"<data-set> {dataset.Id} differs from the one defined at {known.Origin}");
                }

                continue;
            }

            if (dataset.Id != 0 && _datasetNames.TryGetValue(dataset.Name, out DatasetPlan? namesake))
            {
                Problems.Error(dataset.Origin, $"<data-set> {dataset.Id} is named '{dataset.Name}' like data-set {namesake.Id} (at {namesake.Origin}); dataset names must differ");
                continue;
            }

            if (dataset.Id != 0)
            {
                _datasets.Add(dataset.Id, dataset);
                _datasetNames.Add(dataset.Name, dataset);
                Plan.Datasets.Add(dataset);
            }
        }
    }

    /// <summary>Adds a device, checking its name and address are unique in the train.</summary>
    public void AddDevice(DevicePlan device, SourceLocation nameAt, SourceLocation addressAt)
    {
        if (device.Name.Length > 0 && !_deviceNames.TryAdd(device.Name, nameAt))
        {
            Problems.Error(nameAt, $"device '{device.Name}' is defined twice (first at {_deviceNames[device.Name]})");
        }

        AddAddress(device, device.Address, addressAt);
        Plan.Devices.Add(device);
    }

    /// <summary>Claims an address of <paramref name="device"/> (its own, or a further interface's), unique in the train.</summary>
    public void AddAddress(DevicePlan device, uint address, SourceLocation addressAt)
    {
        if (address != 0 && !_deviceAddresses.TryAdd(address, (device.Name, addressAt)))
        {
            (string name, SourceLocation at) = _deviceAddresses[address];
            Problems.Error(addressAt, $"device '{device.Name}' has the address {AddressParser.Format(address)} of device '{name}' (at {at})");
        }
    }

    /// <summary>Keeps a device's items across its <paramref name="interfaces"/> bus interfaces for <see cref="ResolveCopies"/>.</summary>
    public void AddItems(DevicePlan device, int interfaces, DeviceItems items) => _items.Add((device, interfaces, items));

    /// <summary>Once every file is read: a telegram that a later bus interface declares with another destination (or
    /// source) plays with the first interface's when both are addresses of one multi-homed device of the train (the
    /// device receives on each); otherwise the later interface's copy is an item of its own, scoped to that interface
    /// (<see cref="DeviceItems.Resolve"/>). Then every item only some interfaces play is scoped to those.</summary>
    public void ResolveCopies()
    {
        foreach ((DevicePlan device, int interfaces, DeviceItems items) in _items)
        {
            items.Resolve(device, OneDevice, Problems);
            items.ScopePartial(interfaces);
        }
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are addresses of one device of the train.</summary>
    private bool OneDevice(uint a, uint b) =>
        a != 0 && b != 0 && _deviceAddresses.TryGetValue(a, out var first) && _deviceAddresses.TryGetValue(b, out var second) && first.Name == second.Name;

    /// <summary>The run's network; the first interface sets it, a later one is compared with it.</summary>
    public NetworkPlan Network(InterfaceSettings settings, string device)
    {
        NetworkPlan network = Plan.Network;
        if (_first is null)
        {
            _first = settings;
            network.PdPort = settings.PdPort;
            network.PdQos = settings.PdQos;
            network.PdTtl = settings.PdTtl;
            if (settings.PdTimeout != InterfaceSettings.InfiniteMicroseconds)
            {
                network.DefaultPdTimeout = InterfaceContext.Duration(settings.PdTimeout);
            }

            network.MdPort = settings.MdUdpPort;
            network.MdQos = settings.MdQos;
            network.MdTtl = settings.MdTtl;
            if (settings.MdReplyTimeout != InterfaceSettings.InfiniteMicroseconds)
            {
                network.MdReplyTimeout = InterfaceContext.Duration(settings.MdReplyTimeout);
            }

            network.MdMaxSessions = (int)settings.MdSessions;
            network.MdTcpIdleTimeout = InterfaceContext.Duration(settings.MdConnectTimeout);
            network.TrafficShaping = settings.TrafficShaping;
        }
        else
        {
            Compare(settings, device);
        }

        if (settings.MdTcpPort != settings.MdUdpPort)
        {
            Problems.NotPlayedYet("<md-com-parameter> tcp-port", Reasons.TcpPort, settings.Where("<md-com-parameter> tcp-port"));
        }

        return network;
    }

    /// <summary>Reports each run-wide setting of <paramref name="settings"/> that differs from the first interface's.</summary>
    private void Compare(InterfaceSettings settings, string device)
    {
        InterfaceSettings first = _first!;
        Differs(settings, first, "<pd-com-parameter> port", s => s.PdPort, device);
        Differs(settings, first, "<pd-com-parameter> qos", s => s.PdQos, device);
        Differs(settings, first, "<pd-com-parameter> ttl", s => s.PdTtl, device);
        Differs(settings, first, "<md-com-parameter> udp-port", s => s.MdUdpPort, device);
        Differs(settings, first, "<md-com-parameter> qos", s => s.MdQos, device);
        Differs(settings, first, "<md-com-parameter> ttl", s => s.MdTtl, device);
        Differs(settings, first, "<md-com-parameter> num-sessions", s => s.MdSessions, device);
        Differs(settings, first, "<md-com-parameter> connect-timeout", s => s.MdConnectTimeout, device);
        Differs(settings, first, "<trdp-process> traffic-shaping", s => s.TrafficShaping ? 1u : 0u, device);
    }

    private void Differs(InterfaceSettings settings, InterfaceSettings first, string key, Func<InterfaceSettings, uint> value, string device)
    {
        uint mine = value(settings);
        uint run = value(first);
        if (mine != run)
        {
            Problems.NotPlayedYet(key,
                $"device '{device}' sets {mine}, but the run has one value for every device: {run}, from the first interface ({first.Where(key)})",
                settings.Where(key));
        }
    }

    private static bool SameLayout(DatasetPlan a, DatasetPlan b)
    {
        if (a.Name != b.Name || a.Elements.Count != b.Elements.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Elements.Count; i++)
        {
            DatasetElementPlan x = a.Elements[i];
            DatasetElementPlan y = b.Elements[i];
            if (x.Name != y.Name || x.Type != y.Type || x.ArraySize != y.ArraySize)
            {
                return false;
            }
        }

        return true;
    }
}
