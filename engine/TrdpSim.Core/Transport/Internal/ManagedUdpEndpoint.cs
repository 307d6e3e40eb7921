using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TrdpSim.Transport.Internal;

/// <summary>Portable fallback over <see cref="Socket"/>: one system call per datagram, still
/// allocation-free thanks to the span overloads and two reused <see cref="SocketAddress"/> objects.</summary>
/// <remarks>Used where the libc path is unavailable (non-Linux). Send errors surface as
/// <see cref="SocketException"/> from the runtime and are converted to counters here; that costs an
/// allocation per failure, acceptable on this path.</remarks>
internal sealed class ManagedUdpEndpoint : IUdpEndpoint
{
    private const int PollSliceMicroseconds = 50_000;

    // .NET on Unix returns a truncated datagram silently; Linux's FIONREAD gives its real size first.
    // Windows throws MessageSize instead; on BSD/macOS FIONREAD is the whole queue, so no detection there.
    private static readonly bool DetectTruncationByAvailable = OperatingSystem.IsLinux();

    /// <summary>An int option value of 1, for <see cref="Socket.SetRawSocketOption"/>.</summary>
    private static readonly byte[] One = [1, 0, 0, 0];

    private readonly Socket _socket;
    private readonly SocketAddress _sendAddress = new(AddressFamily.InterNetwork);
    private readonly SocketAddress _receiveAddress = new(AddressFamily.InterNetwork);
    private readonly UdpEndpointStats _stats = new();
    private readonly uint _multicastInterface;
    private volatile bool _disposed;

    public ManagedUdpEndpoint(UdpEndpointOptions options)
    {
        _multicastInterface = options.EffectiveMulticastInterface;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        string step = "socket options";
        try
        {
            Configure(options, ref step);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new SocketSetupException(step, new Ip4Endpoint(options.BindAddress, options.Port), e.NativeErrorCode);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public Ip4Endpoint LocalEndpoint { get; private set; }

    public UdpEndpointStats Stats => _stats;

    public int Send(ReadOnlySpan<OutgoingDatagram> batch, Span<bool> accepted)
    {
        bool outcomes = !accepted.IsEmpty;
        if (outcomes)
        {
            accepted[..batch.Length].Clear();
        }

        int taken = 0;
        int calls = 0;
        for (int i = 0; i < batch.Length && !_disposed; i++)
        {
            ref readonly OutgoingDatagram d = ref batch[i];
            WriteAddress(_sendAddress, d.Destination);
            for (int attempt = 0; attempt < 2 && !_disposed; attempt++)
            {
                calls++;
                if (TrySend(d, out SocketError error))
                {
                    taken++;
                    if (outcomes)
                    {
                        accepted[i] = true;
                    }

                    break;
                }

                if (error is SocketError.ConnectionRefused or SocketError.ConnectionReset)
                {
                    // A pending ICMP error reported instead of sending (see UdpEndpointStats.IcmpRefused):
                    // the datagram did not leave, so it gets one more try.
                    _stats.AddIcmpRefused();
                    if (attempt == 0)
                    {
                        continue;
                    }
                }

                if (error != SocketError.OperationAborted)
                {
                    _stats.AddSendError(Classify(error), 1, (int)error);
                }

                break;
            }
        }

        _stats.AddSent(taken, calls);
        return taken;
    }

    /// <summary>One send; false with the error when the stack refused it (OperationAborted once disposed).</summary>
    private bool TrySend(in OutgoingDatagram d, out SocketError error)
    {
        try
        {
            _socket.SendTo(d.Buffer.AsSpan(d.Offset, d.Length), SocketFlags.None, _sendAddress);
            error = SocketError.Success;
            return true;
        }
        catch (SocketException e)
        {
            error = e.SocketErrorCode;
            return false;
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.OperationAborted;
            return false;
        }
    }

    public int Receive(Span<IncomingDatagram> slots, int timeoutMilliseconds)
    {
        if (slots.IsEmpty || !WaitReadable(timeoutMilliseconds))
        {
            return 0;
        }

        int filled = 0;
        int truncated = 0;
        try
        {
            while (filled < slots.Length)
            {
                // Linux FIONREAD on a UDP socket is the size of the next datagram (0 also for an empty
                // one, hence the first receive is unconditional after poll said readable).
                int pending = _socket.Available;
                if (filled > 0 && pending == 0)
                {
                    break;
                }

                ref IncomingDatagram slot = ref slots[filled];
                bool cut = DetectTruncationByAvailable && pending > slot.Capacity;
                int length;
                try
                {
                    length = _socket.ReceiveFrom(slot.Buffer.AsSpan(slot.Offset, slot.Capacity), SocketFlags.None, _receiveAddress);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
                {
                    length = slot.Capacity;
                    cut = true;
                }

                slot.Length = length;
                slot.Truncated = cut;
                slot.Source = ReadAddress(_receiveAddress);
                truncated += cut ? 1 : 0;
                filled++;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode != SocketError.WouldBlock)
        {
            _stats.AddReceiveError((int)e.SocketErrorCode);
        }
        catch (SocketException)
        {
            // Spurious readiness: keep what was received.
        }
        catch (ObjectDisposedException)
        {
        }

        if (filled > 0)
        {
            _stats.AddReceived(filled, truncated);
        }

        return filled;
    }

    public void JoinGroup(uint group) => _socket.SetSocketOption(
        SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(ToIp(group), ToIp(_multicastInterface)));

    public void LeaveGroup(uint group) => _socket.SetSocketOption(
        SocketOptionLevel.IP, SocketOptionName.DropMembership, new MulticastOption(ToIp(group), ToIp(_multicastInterface)));

    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
    }

    private bool WaitReadable(int timeoutMilliseconds)
    {
        long deadline = timeoutMilliseconds < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMilliseconds;
        try
        {
            while (!_disposed)
            {
                long left = deadline == long.MaxValue ? PollSliceMicroseconds : (deadline - Environment.TickCount64) * 1000;
                if (_socket.Poll((int)Math.Clamp(left, 0, PollSliceMicroseconds), SelectMode.SelectRead))
                {
                    return !_disposed;
                }

                if (left <= PollSliceMicroseconds && deadline != long.MaxValue)
                {
                    return false;
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException e)
        {
            _stats.AddReceiveError((int)e.SocketErrorCode);
        }

        return false;
    }

    private void Configure(UdpEndpointOptions options, ref string step)
    {
        _socket.Blocking = false;
        if (options.ReuseAddress && options.Port != 0)
        {
            // Fixed ports only, as in LinuxUdpEndpoint. On Linux .NET's ReuseAddress sets SO_REUSEPORT too,
            // so the options are set raw there.
            if (OperatingSystem.IsLinux())
            {
                _socket.SetRawSocketOption(LinuxNative.SolSocket, LinuxNative.SoReuseAddr, One);
                if (options.ReusePort)
                {
                    _socket.SetRawSocketOption(LinuxNative.SolSocket, LinuxNative.SoReusePort, One);
                }
            }
            else
            {
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }
        }

        if (options.BindAddress == Ip4Endpoint.AnyAddress && OperatingSystem.IsLinux())
        {
            // Only the groups this socket joined, not every group joined on the host (see LinuxUdpEndpoint).
            _socket.SetRawSocketOption(LinuxNative.IpProtoIp, LinuxNative.IpMulticastAll, [0, 0, 0, 0]);
        }

        if (options.ReceiveBufferBytes > 0)
        {
            _socket.ReceiveBufferSize = options.ReceiveBufferBytes;
        }

        _stats.SetReceiveBuffer(options.ReceiveBufferBytes, _socket.ReceiveBufferSize);

        if (options.SendBufferBytes > 0)
        {
            _socket.SendBufferSize = options.SendBufferBytes;
        }

        if (options.Qos != 0)
        {
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, (options.Qos & 7) << 5);
        }

        _socket.Ttl = options.Ttl;
        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, (int)options.Ttl);
        _socket.MulticastLoopback = options.MulticastLoopback;
        if (_multicastInterface != 0)
        {
            step = "IP_MULTICAST_IF";
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, ToIp(_multicastInterface).GetAddressBytes());
        }

        step = "bind";
        _socket.Bind(new IPEndPoint(ToIp(options.BindAddress), options.Port));
        var local = (IPEndPoint)_socket.LocalEndPoint!;
        LocalEndpoint = new Ip4Endpoint(BinaryPrimitives.ReadUInt32BigEndian(local.Address.GetAddressBytes()), (ushort)local.Port);
        if (options.ExclusiveBind && options.BindAddress != Ip4Endpoint.AnyAddress && options.Port != 0 && OperatingSystem.IsLinux())
        {
            BoundSockets.EnsureSole((int)_socket.SafeHandle.DangerousGetHandle(), LocalEndpoint, tcp: false);
        }

        step = "IP_ADD_MEMBERSHIP";
        IReadOnlyList<uint> groups = options.MulticastGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            JoinGroup(groups[i]);
        }
    }

    private static IPAddress ToIp(uint hostOrder) => new(BinaryPrimitives.ReverseEndianness(hostOrder));

    private static void WriteAddress(SocketAddress address, Ip4Endpoint endpoint)
    {
        // SocketAddress buffer: family (platform-specific, set by the constructor), port BE at 2, address BE at 4.
        Span<byte> raw = address.Buffer.Span;
        BinaryPrimitives.WriteUInt16BigEndian(raw[2..], endpoint.Port);
        BinaryPrimitives.WriteUInt32BigEndian(raw[4..], endpoint.Address);
    }

    private static Ip4Endpoint ReadAddress(SocketAddress address)
    {
        ReadOnlySpan<byte> raw = address.Buffer.Span;
        return new Ip4Endpoint(BinaryPrimitives.ReadUInt32BigEndian(raw[4..]), BinaryPrimitives.ReadUInt16BigEndian(raw[2..]));
    }

    private static UdpSendError Classify(SocketError error) => error switch
    {
        SocketError.WouldBlock or SocketError.NoBufferSpaceAvailable => UdpSendError.WouldBlock,
        SocketError.ConnectionRefused or SocketError.ConnectionReset => UdpSendError.ConnectionRefused,
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressNotAvailable => UdpSendError.Unreachable,
        SocketError.MessageSize => UdpSendError.MessageTooLong,
        _ => UdpSendError.Other,
    };
}
