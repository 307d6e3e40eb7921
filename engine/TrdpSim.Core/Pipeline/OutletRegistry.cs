namespace TrdpSim.Pipeline;

/// <summary>Every outlet of a live run, and its devices: what faults (and later the recorder) find their
/// targets in. Filled while the run is built, read-only afterwards.</summary>
internal sealed class OutletRegistry
{
    private readonly List<Outlet> _outlets = [];
    private readonly List<string> _devices = [];
    private readonly List<string> _messageDataDevices = [];

    /// <summary>Every outlet, in the order the run was built (devices in plan order).</summary>
    public IReadOnlyList<Outlet> Outlets => _outlets;

    /// <summary>Names of every device of the run.</summary>
    public IReadOnlyList<string> Devices => _devices;

    /// <summary>Names of the devices that have MD callers or listeners.</summary>
    public IReadOnlyList<string> MessageDataDevices => _messageDataDevices;

    /// <summary>Adds an outlet (set-up only) and returns it.</summary>
    public Outlet Add(Outlet outlet)
    {
        _outlets.Add(outlet);
        return outlet;
    }

    /// <summary>Adds a device (set-up only).</summary>
    public void AddDevice(string name, bool messageData)
    {
        _devices.Add(name);
        if (messageData)
        {
            _messageDataDevices.Add(name);
        }
    }
}
