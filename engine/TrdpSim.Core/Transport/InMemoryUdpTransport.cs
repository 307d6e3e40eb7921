using TrdpSim.Buffers;
using TrdpSim.Transport.Internal;

namespace TrdpSim.Transport;

/// <summary>A deterministic in-process UDP network for fast tests and kernel-free benchmarks.</summary>
/// <remarks>
/// <para><b>Routing</b> (mirrors Linux): a unicast datagram to <c>A:p</c> goes to the first-opened endpoint
/// bound to exactly <c>A:p</c>, else to the first-opened one bound to <c>0.0.0.0:p</c> (every address is
/// local here); nobody → counted in <see cref="FramesUnrouted"/>. A multicast datagram to <c>G:p</c> goes
/// to every endpoint on port <c>p</c> bound to 0.0.0.0 or <c>G</c> that has joined <c>G</c>; with
/// <see cref="UdpEndpointOptions.MulticastLoopback"/> off the sender itself is skipped. The source
/// address is the sender's bind address, else its multicast interface, else the unicast destination
/// address, else 127.0.0.1.</para>
/// <para><b>Delivery</b> is synchronous inside <see cref="IUdpEndpoint.Send(ReadOnlySpan{OutgoingDatagram}, Span{bool})"/>: bytes are copied into a
/// pooled pinned block in the receiver's bounded queue (<c>queueCapacity</c> datagrams). A full queue
/// drops the datagram and counts it in the receiver's <see cref="UdpEndpointStats.ReceiveDropped"/>.
/// <see cref="IUdpEndpoint.Receive"/> copies into the caller's slots and returns the blocks.</para>
/// <para><b>Determinism:</b> ephemeral ports are assigned from <see cref="FirstEphemeralPort"/> upward in
/// open order, and one network lock orders all sends, so the same single-threaded scenario always
/// yields the same ports and the same frame sequence at <see cref="Observer"/>.</para>
/// <para><b>Threading:</b> thread-safe; senders serialize on the network lock. Steady-state send and
/// receive allocate nothing.</para>
/// </remarks>
internal sealed class InMemoryUdpTransport : IUdpTransport
{
    /// <summary>First port handed out for <see cref="UdpEndpointOptions.Port"/> = 0.</summary>
    public const ushort FirstEphemeralPort = 40000;

    /// <summary>Largest UDP payload over IPv4.</summary>
    public const int MaxDatagramBytes = 65507;

    private readonly Lock _lock = new();
    private readonly Dictionary<ushort, List<InMemoryEndpoint>> _byPort = [];
    private readonly InMemoryEndpoint?[] _targets = new InMemoryEndpoint?[64];
    private ushort _nextEphemeral = FirstEphemeralPort;
    private long _framesSent;
    private long _framesDelivered;
    private long _framesUnrouted;

    /// <summary>Creates an empty network.</summary>
    /// <param name="queueCapacity">Datagrams each endpoint can hold before it drops. Default 1024.</param>
    public InMemoryUdpTransport(int queueCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCapacity);
        QueueCapacity = queueCapacity;
        SmallBlocks = new PinnedBlockPool(PinnedBlockPool.ProcessDataBlockSize, queueCapacity);
        LargeBlocks = new PinnedBlockPool(MaxDatagramBytes, 16);
    }

    /// <summary>"in-memory".</summary>
    public string Name => "in-memory";

    /// <summary>Receive queue capacity per endpoint, in datagrams.</summary>
    public int QueueCapacity { get; }

    /// <summary>Called for every datagram the network accepts, in send order, under the network lock.
    /// Set it before traffic starts; see <see cref="FrameObserver"/>.</summary>
    public FrameObserver? Observer { get; set; }

    /// <summary>Decides, per datagram, that the sending socket refuses it as a full send buffer would
    /// (EAGAIN, counted as <see cref="UdpEndpointStats.SendWouldBlock"/>): how tests make a send fail. Null (the
    /// default) refuses nothing. Set it before traffic starts.</summary>
    public Func<Ip4Endpoint, Ip4Endpoint, ReadOnlySpan<byte>, bool>? Refuse { get; set; }

    /// <summary>Datagrams accepted from senders.</summary>
    public long FramesSent { get { lock (_lock) { return _framesSent; } } }

    /// <summary>Copies queued at receivers (a multicast datagram counts once per member).</summary>
    public long FramesDelivered { get { lock (_lock) { return _framesDelivered; } } }

    /// <summary>Accepted datagrams that matched no endpoint.</summary>
    public long FramesUnrouted { get { lock (_lock) { return _framesUnrouted; } } }

    /// <summary>Blocks held in receive queues (0 once every endpoint is drained or disposed).</summary>
    public long OutstandingBlocks => SmallBlocks.Outstanding + LargeBlocks.Outstanding;

    internal PinnedBlockPool SmallBlocks { get; }

    internal PinnedBlockPool LargeBlocks { get; }

    /// <inheritdoc/>
    public IUdpEndpoint Open(UdpEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_lock)
        {
            ushort port = options.Port != 0 ? options.Port : NextEphemeralPort();
            if (!_byPort.TryGetValue(port, out List<InMemoryEndpoint>? bound))
            {
                bound = [];
                _byPort.Add(port, bound);
            }

            bool exclusive = options.ExclusiveBind && options.BindAddress != Ip4Endpoint.AnyAddress && options.Port != 0;
            foreach (InMemoryEndpoint other in bound)
            {
                bool same = other.BindAddress == options.BindAddress;
                bool overlap = same || other.BindAddress == 0 || options.BindAddress == 0;
                if (overlap && !(other.ReuseAddress && options.ReuseAddress))
                {
                    throw new SocketSetupException("bind", new Ip4Endpoint(options.BindAddress, port), SocketSetupException.AddressInUse);
                }

                if (same && exclusive)
                {
                    throw new SocketSetupException("bind", new Ip4Endpoint(options.BindAddress, port), SocketSetupException.AddressInUse,
                        "another endpoint of the in-memory network is bound to exactly this address and port");
                }
            }

            var endpoint = new InMemoryEndpoint(this, options, port);
            bound.Add(endpoint);
            return endpoint;
        }
    }

    /// <summary>Routes a batch from <paramref name="sender"/>; returns how many were accepted.</summary>
    internal int Route(InMemoryEndpoint sender, ReadOnlySpan<OutgoingDatagram> batch, Span<bool> outcomes)
    {
        int accepted = 0;
        lock (_lock)
        {
            for (int i = 0; i < batch.Length; i++)
            {
                ref readonly OutgoingDatagram d = ref batch[i];
                if (d.Buffer is null || (uint)d.Offset > (uint)d.Buffer.Length || (uint)d.Length > (uint)(d.Buffer.Length - d.Offset))
                {
                    ThrowHelpers.BadDatagram(i, "buffer is null or Offset/Length lie outside it");
                }

                if (d.Length > MaxDatagramBytes)
                {
                    sender.Stats.AddSendError(UdpSendError.MessageTooLong, 1, LinuxNative.EMsgSize);
                    continue;
                }

                if (d.Destination.Port == 0 || d.Destination.Address == 0)
                {
                    sender.Stats.AddSendError(UdpSendError.Other, 1, 22 /* EINVAL */);
                    continue;
                }

                ReadOnlySpan<byte> payload = d.Buffer.AsSpan(d.Offset, d.Length);
                Ip4Endpoint source = new(sender.SourceAddressFor(d.Destination), sender.LocalEndpoint.Port);
                if (Refuse?.Invoke(source, d.Destination, payload) == true)
                {
                    sender.Stats.AddSendError(UdpSendError.WouldBlock, 1, LinuxNative.EAgain);
                    continue;
                }

                accepted++;
                if (!outcomes.IsEmpty)
                {
                    outcomes[i] = true;
                }

                _framesSent++;
                Observer?.Invoke(source, d.Destination, payload);
                int targets = FindTargets(sender, d.Destination);
                if (targets == 0)
                {
                    _framesUnrouted++;
                }

                for (int t = 0; t < targets; t++)
                {
                    if (_targets[t]!.Enqueue(source, payload))
                    {
                        _framesDelivered++;
                    }

                    _targets[t] = null;
                }
            }
        }

        sender.Stats.AddSent(accepted, 1);
        return accepted;
    }

    internal void Remove(InMemoryEndpoint endpoint)
    {
        lock (_lock)
        {
            if (_byPort.TryGetValue(endpoint.LocalEndpoint.Port, out List<InMemoryEndpoint>? bound))
            {
                bound.Remove(endpoint);
            }
        }
    }

    internal void ChangeMembership(InMemoryEndpoint endpoint, uint group, bool join)
    {
        lock (_lock)
        {
            endpoint.SetMembership(group, join);
        }
    }

    /// <summary>Fills <see cref="_targets"/> (caller holds the lock) and returns how many.</summary>
    private int FindTargets(InMemoryEndpoint sender, Ip4Endpoint destination)
    {
        if (!_byPort.TryGetValue(destination.Port, out List<InMemoryEndpoint>? bound))
        {
            return 0;
        }

        if (!destination.IsMulticast)
        {
            InMemoryEndpoint? wildcard = null;
            foreach (InMemoryEndpoint candidate in bound)
            {
                if (candidate.BindAddress == destination.Address)
                {
                    _targets[0] = candidate;
                    return 1;
                }

                wildcard ??= candidate.BindAddress == 0 ? candidate : null;
            }

            _targets[0] = wildcard;
            return wildcard is null ? 0 : 1;
        }

        int count = 0;
        foreach (InMemoryEndpoint candidate in bound)
        {
            if ((candidate.BindAddress == 0 || candidate.BindAddress == destination.Address)
                && candidate.IsMember(destination.Address)
                && (sender.MulticastLoopback || candidate != sender)
                && count < _targets.Length)
            {
                _targets[count++] = candidate;
            }
        }

        return count;
    }

    private ushort NextEphemeralPort()
    {
        for (int attempt = 0; attempt <= ushort.MaxValue - FirstEphemeralPort; attempt++)
        {
            ushort port = _nextEphemeral;
            _nextEphemeral = port == ushort.MaxValue ? FirstEphemeralPort : (ushort)(port + 1);
            if (!_byPort.TryGetValue(port, out List<InMemoryEndpoint>? bound) || bound.Count == 0)
            {
                return port;
            }
        }

        throw new SocketSetupException("bind", default, SocketSetupException.AddressInUse, "no free ephemeral port in the in-memory network");
    }
}
