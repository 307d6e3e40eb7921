using System.Diagnostics;
using TrdpSim.Buffers;

namespace TrdpSim.Transport.Internal;

/// <summary>An endpoint of <see cref="InMemoryUdpTransport"/>: a bounded ring of pooled blocks.</summary>
/// <remarks>Lock order: the network lock, then <see cref="_gate"/>; <see cref="Receive"/> takes only the
/// gate and waits on it with <see cref="Monitor.Wait(object, int)"/>.</remarks>
internal sealed class InMemoryEndpoint : IUdpEndpoint
{
    private readonly InMemoryUdpTransport _network;
    private readonly object _gate = new();
    private readonly Queued[] _queue;
    private readonly List<uint> _groups = [];
    private readonly uint _multicastInterface;
    private int _head;
    private int _count;
    private bool _waiting;
    private bool _disposed;

    public InMemoryEndpoint(InMemoryUdpTransport network, UdpEndpointOptions options, ushort port)
    {
        _network = network;
        _queue = new Queued[network.QueueCapacity];
        _multicastInterface = options.EffectiveMulticastInterface;
        BindAddress = options.BindAddress;
        ReuseAddress = options.ReuseAddress;
        MulticastLoopback = options.MulticastLoopback;
        LocalEndpoint = new Ip4Endpoint(options.BindAddress, port);
        IReadOnlyList<uint> groups = options.MulticastGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            SetMembership(groups[i], join: true);
        }
    }

    public Ip4Endpoint LocalEndpoint { get; }

    public UdpEndpointStats Stats { get; } = new();

    /// <inheritdoc/>
    public long ReadReceiveDrops() => Stats.ReceiveDropped;

    public uint BindAddress { get; }

    public bool ReuseAddress { get; }

    public bool MulticastLoopback { get; }

    public int Send(ReadOnlySpan<OutgoingDatagram> batch, Span<bool> accepted)
    {
        if (!accepted.IsEmpty)
        {
            accepted[..batch.Length].Clear();
        }

        return batch.IsEmpty || Volatile.Read(ref _disposed) ? 0 : _network.Route(this, batch, accepted);
    }

    public int Receive(Span<IncomingDatagram> slots, int timeoutMilliseconds)
    {
        if (slots.IsEmpty)
        {
            return 0;
        }

        int filled = 0;
        int truncated = 0;
        lock (_gate)
        {
            if (_count == 0 && !_disposed && timeoutMilliseconds != 0)
            {
                WaitForData(timeoutMilliseconds);
            }

            if (_disposed)
            {
                return 0;
            }

            while (filled < slots.Length && _count > 0)
            {
                ref Queued item = ref _queue[_head];
                ref IncomingDatagram slot = ref slots[filled];
                if (slot.Buffer is null || (uint)slot.Offset > (uint)slot.Buffer.Length || (uint)slot.Capacity > (uint)(slot.Buffer.Length - slot.Offset))
                {
                    ThrowHelpers.BadSlot(filled, "buffer is null or Offset/Capacity lie outside it");
                }

                int length = Math.Min(item.Length, slot.Capacity);
                item.Block.AsSpan(0, length).CopyTo(slot.Buffer.AsSpan(slot.Offset, length));
                slot.Length = length;
                slot.Truncated = length < item.Length;
                slot.Source = item.Source;
                truncated += slot.Truncated ? 1 : 0;
                PoolFor(item.Block.Length).Return(item.Block);
                item = default;
                _head = _head + 1 == _queue.Length ? 0 : _head + 1;
                _count--;
                filled++;
            }
        }

        if (filled > 0)
        {
            Stats.AddReceived(filled, truncated);
        }

        return filled;
    }

    public void JoinGroup(uint group) => _network.ChangeMembership(this, group, join: true);

    public void LeaveGroup(uint group) => _network.ChangeMembership(this, group, join: false);

    public void Dispose()
    {
        _network.Remove(this);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_count > 0)
            {
                ref Queued item = ref _queue[_head];
                PoolFor(item.Block.Length).Return(item.Block);
                item = default;
                _head = _head + 1 == _queue.Length ? 0 : _head + 1;
                _count--;
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Called by the network (under its lock): copy into a pooled block, or drop when full.</summary>
    internal bool Enqueue(Ip4Endpoint source, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            if (_disposed || _count == _queue.Length)
            {
                if (!_disposed)
                {
                    Stats.AddReceiveDropped();
                }

                return false;
            }

            PinnedBlockPool pool = payload.Length <= PinnedBlockPool.ProcessDataBlockSize ? _network.SmallBlocks : _network.LargeBlocks;
            byte[] block = pool.Rent();
            payload.CopyTo(block);
            int tail = _head + _count;
            _queue[tail >= _queue.Length ? tail - _queue.Length : tail] = new Queued(block, payload.Length, source);
            _count++;
            if (_waiting)
            {
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>Source address the kernel would pick for a datagram to <paramref name="destination"/>.</summary>
    internal uint SourceAddressFor(Ip4Endpoint destination) =>
        BindAddress != 0 ? BindAddress
        : _multicastInterface != 0 ? _multicastInterface
        : !destination.IsMulticast ? destination.Address
        : Ip4Endpoint.LoopbackAddress;

    /// <summary>Caller holds the network lock (or is the constructor).</summary>
    internal void SetMembership(uint group, bool join)
    {
        if (join && !_groups.Contains(group))
        {
            _groups.Add(group);
        }
        else if (!join)
        {
            _groups.Remove(group);
        }
    }

    /// <summary>Caller holds the network lock.</summary>
    internal bool IsMember(uint group) => _groups.Contains(group);

    private void WaitForData(int timeoutMilliseconds)
    {
        long start = Stopwatch.GetTimestamp();
        _waiting = true;
        try
        {
            while (_count == 0 && !_disposed)
            {
                int wait = Timeout.Infinite;
                if (timeoutMilliseconds > 0)
                {
                    long elapsed = (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (elapsed >= timeoutMilliseconds)
                    {
                        return;
                    }

                    wait = (int)(timeoutMilliseconds - elapsed);
                }

                Monitor.Wait(_gate, wait);
            }
        }
        finally
        {
            _waiting = false;
        }
    }

    private PinnedBlockPool PoolFor(int blockLength) =>
        blockLength == PinnedBlockPool.ProcessDataBlockSize ? _network.SmallBlocks : _network.LargeBlocks;

    private readonly record struct Queued(byte[] Block, int Length, Ip4Endpoint Source);
}
