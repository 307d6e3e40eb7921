using TrdpSim.Devices.Md;
using TrdpSim.Pipeline;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>One simulated end device: its sockets, telegrams and receive loops.</summary>
/// <remarks>
/// Sockets: a send socket bound to <c>address:0</c> (ephemeral source port, as TCNopen sends PD); a
/// receive socket bound to <c>address:pdPort</c>; a receive socket on <c>0.0.0.0:pdPort</c> joined to the
/// device's multicast groups when it subscribes any; and a reply socket for 'Pp' owned by the unicast
/// receive loop (so the wheel thread's send batch is never touched from two threads). A multi-homed device has
/// a receive socket on each further interface's <c>address:pdPort</c> too, feeding the same unicast dispatcher,
/// and, when it subscribes groups, a group socket per further interface joined on that interface's address,
/// feeding the same multicast dispatcher.
/// </remarks>
internal sealed class VirtualDevice : IDisposable
{
    private readonly List<IUdpEndpoint> _endpoints = [];
    private readonly List<PdReceiveLoop> _loops = [];

    private readonly Dictionary<(Ip4Endpoint Destination, int Interface), SendPort> _senders = [];
    private readonly Func<Ip4Endpoint?, int, SendPort> _createPort;

    internal VirtualDevice(string name, uint address, Func<Ip4Endpoint?, int, SendPort> createPort, PdDispatcher unicast, PdDispatcher? multicast)
    {
        Name = name;
        Address = address;
        _createPort = createPort;
        Unicast = unicast;
        Multicast = multicast;
    }

    /// <summary>Most destinations that get a connected send socket of their own; the rest share one.</summary>
    public const int MaxConnectedSenders = 64;

    public string Name { get; }

    public uint Address { get; }

    /// <summary>The send socket (and batch) for telegrams to <paramref name="destination"/> (set-up only).</summary>
    /// <remarks>One connected socket per destination, up to <see cref="MaxConnectedSenders"/>: a connected
    /// socket skips the per-datagram route lookup (≈ 15 % more packets per second). Each leaves from its
    /// own ephemeral port; TRDP receivers must not require a PD source port (trdp-wire.md §1).</remarks>
    /// <param name="destination">Where the frames go.</param>
    /// <param name="face">The bus interface they leave from (0 = the device's address; a multi-homed device's
    /// further interfaces have sockets bound to their own addresses).</param>
    public SendPort PortFor(Ip4Endpoint destination, int face = 0)
    {
        if (_senders.TryGetValue((destination, face), out var sender))
        {
            return sender;
        }

        if (_senders.Count < MaxConnectedSenders)
        {
            sender = _createPort(destination, face);
        }
        else
        {
            var shared = (new Ip4Endpoint(0, 0), face);
            if (!_senders.TryGetValue(shared, out sender))
            {
                sender = _createPort(null, face);
                _senders.Add(shared, sender);
            }
        }

        _senders[(destination, face)] = sender;
        return sender;
    }

    public PdDispatcher Unicast { get; }

    public PdDispatcher? Multicast { get; }

    public List<Publication> Publications { get; } = [];

    public List<PullRequester> PullRequesters { get; } = [];

    /// <summary>The device's message-data side, if it has MD callers or repliers.</summary>
    public MdStation? Md { get; internal set; }

    internal List<MdReceiveLoop> MdLoops { get; } = [];

    /// <summary>Other resources the device owns (TCP servers and client pools).</summary>
    internal List<IDisposable> Disposables { get; } = [];

    internal void Own(IUdpEndpoint endpoint) => _endpoints.Add(endpoint);

    /// <summary>The PD receive loops, in the order of <see cref="Receivers"/> (tests drive them by hand).</summary>
    internal IReadOnlyList<PdReceiveLoop> PdLoops => _loops;

    /// <summary>Each receive socket with the dispatcher its loop feeds and its interface (tests drive these by hand,
    /// through <see cref="PdReceiver.Dispatch"/> to keep the interface a frame arrived on).</summary>
    internal List<PdReceiver> Receivers { get; } = [];

    /// <param name="name">Names the loop's thread.</param>
    /// <param name="endpoint">The receive socket.</param>
    /// <param name="dispatcher">What the loop feeds.</param>
    /// <param name="telemetry">The run's counters.</param>
    /// <param name="tap">A recording's tap of received frames; null records nothing.</param>
    /// <param name="recordedDestination">The destination received frames are recorded with.</param>
    /// <param name="face">The bus interface the socket is bound to (a multi-homed device's further interfaces).</param>
    /// <param name="gate">Shared by the sockets of one dispatcher when it has several (see <see cref="PdReceiver"/>).</param>
    internal void AddReceiver(string name, IUdpEndpoint endpoint, PdDispatcher dispatcher, RunTelemetry telemetry, IFrameTap? tap = null,
        Ip4Endpoint recordedDestination = default, int face = 0, Lock? gate = null)
    {
        var receiver = new PdReceiver(endpoint, dispatcher, face, gate);
        Receivers.Add(receiver);
        // The check reads the kernel's drops of one socket: the first interface's. Drops at a further interface's
        // socket are not claimed as self-inflicted (the other path usually carries the telegram anyway).
        dispatcher.SelfCheck ??= new SelfInflictedCheck(telemetry, endpoint);
        _loops.Add(new PdReceiveLoop(name, endpoint, receiver, telemetry, tap, recordedDestination));
    }

    /// <summary>Starts subscription supervision and the receive loops.</summary>
    public void Start(long nowNanoseconds)
    {
        Unicast.Start(nowNanoseconds);
        Multicast?.Start(nowNanoseconds);
        foreach (var loop in _loops)
        {
            loop.Start();
        }

        foreach (var loop in MdLoops)
        {
            loop.Start();
        }
    }

    /// <summary>Stops the receive loops and closes every socket.</summary>
    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            loop.Stop();
        }

        foreach (var loop in MdLoops)
        {
            loop.Stop();
        }

        foreach (var disposable in Disposables)
        {
            disposable.Dispose();
        }

        foreach (var endpoint in _endpoints)
        {
            endpoint.Dispose();
        }
    }
}
