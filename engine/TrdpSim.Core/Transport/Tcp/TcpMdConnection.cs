using System.Net.Sockets;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Transport.Tcp.Internal;

namespace TrdpSim.Transport.Tcp;

/// <summary>
/// One TCP connection carrying MD frames, on the server (accepted) or caller (pool) side. Frames arrive
/// through <see cref="ITcpMdHandler.OnFrame"/>; <see cref="Send"/> writes frames back on the same
/// connection (trdp-wire.md §8.9: the reply comes back on the request's connection).
/// </summary>
/// <remarks>
/// <para><b>Threading:</b> <see cref="Send"/>, <see cref="TrySend"/> and <see cref="Close"/> are
/// thread-safe. Receives run as a chain of <see cref="SocketAsyncEventArgs"/> operations (one reused
/// instance per direction), completing on socket-engine threads; synchronous completions loop without
/// recursion. At most one send operation is in flight.</para>
/// <para><b>Buffers:</b> <see cref="Send"/> copies the frame into a per-connection pending buffer under
/// a short lock; the caller keeps ownership of its span. Two send buffers swap roles (one filling, one
/// in flight); they grow on demand up to the bound given by the owner's MaxSendBufferBytes, beyond
/// which Send refuses (<see cref="TcpSendResult.BufferFull"/>) instead of blocking. Receiving uses one
/// <see cref="MdStreamFramer"/>. In steady state nothing is allocated per frame.</para>
/// <para>The connection owns its socket; it is closed once, for one <see cref="TcpCloseReason"/>,
/// reported to the handler.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The socket and event args are disposed by Close; the owning server or pool closes every connection on Dispose.")]
internal sealed partial class TcpMdConnection
{
    private const int StateConnecting = 0;
    private const int StateOpen = 1;
    private const int StateClosed = 2;

    private readonly TcpConnectionHost _host;
    private readonly Socket _socket;
    private readonly MdStreamFramer _framer;
    private int _state;
    private long _lastActivity;
    private readonly long _createdAt;

    internal TcpMdConnection(TcpConnectionHost host, Socket socket, Ip4Endpoint remote, bool connecting)
    {
        _host = host;
        _socket = socket;
        _framer = new MdStreamFramer(host.ReceiveChunkBytes);
        RemoteEndpoint = remote;
        Id = host.NextConnectionId();
        _state = connecting ? StateConnecting : StateOpen;
        _createdAt = MonotonicClock.NowNanoseconds();
        _lastActivity = _createdAt;
        _receiveArgs = new SocketAsyncEventArgs();
        _receiveArgs.Completed += OnReceiveCompleted;
        _sendArgs = new SocketAsyncEventArgs();
        _sendArgs.Completed += OnSendCompleted;
        _pending = new byte[InitialSendBuffer];
        _inFlight = new byte[InitialSendBuffer];
    }

    /// <summary>Process-unique number of this connection within its server or pool (1, 2, …).</summary>
    public long Id { get; }

    /// <summary>The peer: the caller's address and ephemeral port (server side), or the destination (pool side).</summary>
    public Ip4Endpoint RemoteEndpoint { get; }

    /// <summary>Pool side: the local address the pool bound the connection to (its key with
    /// <see cref="RemoteEndpoint"/>; 0 = not bound). Server side: 0.</summary>
    internal uint PoolLocalAddress { get; init; }

    /// <summary>This end's address and port: known once accepted, bound or connected (default before).</summary>
    /// <remarks>Read once from the socket at those points, never per frame (a recording names both ends of every frame).</remarks>
    public Ip4Endpoint LocalEndpoint
    {
        get
        {
            // Packed in one long: learnt on an I/O thread, read on the wheel thread, never torn.
            var packed = Volatile.Read(ref _localEndpoint);
            return new Ip4Endpoint((uint)(packed >> 16), (ushort)packed);
        }
    }

    private long _localEndpoint;

    /// <summary>Reads <see cref="LocalEndpoint"/> from the socket (after accept, bind or connect).</summary>
    internal void LearnLocalEndpoint()
    {
        try
        {
            var local = SocketAddresses.FromEndPoint(_socket.LocalEndPoint);
            Volatile.Write(ref _localEndpoint, ((long)local.Address << 16) | local.Port);
        }
        catch (Exception)
        {
            // Closed or not bound: the ends stay unknown, which only a recording shows.
        }
    }

    /// <summary>True while connected (not while connecting, not after close).</summary>
    public bool IsOpen => Volatile.Read(ref _state) == StateOpen;

    /// <summary>True once closed; a closed connection is never reopened.</summary>
    public bool IsClosed => Volatile.Read(ref _state) == StateClosed;

    /// <summary>Bytes accepted by Send and not yet taken by the socket (pending + in flight).</summary>
    public int PendingSendBytes
    {
        get
        {
            lock (_sendLock)
            {
                return _pendingCount + (_sending ? _inFlightCount - _inFlightOffset : 0);
            }
        }
    }

    /// <summary>Queues one complete MD frame for sending on this connection.</summary>
    /// <returns>True if copied for sending; false (counted in <see cref="TcpMdStats"/>) if the connection
    /// is closed, its send buffer is over its bound, or the frame length is not 116 … 65504.</returns>
    public bool Send(ReadOnlySpan<byte> frame) => TrySend(frame) <= TcpSendResult.QueuedUntilConnected;

    /// <summary>Closes the connection (reason <see cref="TcpCloseReason.LocalClose"/>); pending sends are dropped.</summary>
    public void Close() => CloseWith(TcpCloseReason.LocalClose);

    /// <inheritdoc/>
    public override string ToString() => $"tcp#{Id} {RemoteEndpoint}";

    internal void CloseWith(TcpCloseReason reason)
    {
        if (Interlocked.Exchange(ref _state, StateClosed) == StateClosed)
        {
            return;
        }

        int dropped;
        lock (_sendLock)
        {
            dropped = _pendingCount + (_sending ? _inFlightCount - _inFlightOffset : 0);
            _pendingCount = 0;
        }

        // Shutdown first: disposing a socket with a pending operation makes the runtime close it
        // abortively (RST), and the peer should see an orderly FIN. Disposing the socket then aborts the
        // pending receive/send/connect: their completions see StateClosed and stop. Disposing event args
        // that are still in use is deferred by the runtime until their operation completes.
        try
        {
            if (reason != TcpCloseReason.ConnectFailed && reason != TcpCloseReason.ConnectTimeout)
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception)
        {
            // Not connected or already reset: nothing to shut down.
        }

        try
        {
            _socket.Dispose();
            _receiveArgs.Dispose();
            _sendArgs.Dispose();
        }
        catch (Exception)
        {
            // Closing never fails in a way we can act on.
        }

        _host.OnConnectionClosed(this, reason, dropped);
    }

    /// <summary>Housekeeping: closes the connection if a timeout expired.</summary>
    internal void CheckTimeouts(long now)
    {
        int state = Volatile.Read(ref _state);
        if (state == StateConnecting)
        {
            if (now - _createdAt > _host.ConnectNanoseconds)
            {
                CloseWith(TcpCloseReason.ConnectTimeout);
            }

            return;
        }

        if (state != StateOpen)
        {
            return;
        }

        bool sending;
        long sendStarted;
        lock (_sendLock)
        {
            sending = _sending;
            sendStarted = _sendStartedAt;
        }

        if (sending && now - sendStarted > _host.SendNanoseconds)
        {
            CloseWith(TcpCloseReason.SendTimeout);
        }
        else if (now - Volatile.Read(ref _lastActivity) > _host.IdleNanoseconds)
        {
            CloseWith(TcpCloseReason.IdleTimeout);
        }
    }

    /// <summary>Server side: start receiving. Pool side: called when the connect completed.</summary>
    internal void Start()
    {
        try
        {
            _socket.NoDelay = true;
        }
        catch (Exception)
        {
            CloseWith(TcpCloseReason.SocketError);
            return;
        }

        StartReceive();
    }

    private void DeliverFrame(ReadOnlySpan<byte> frame, in MdHeader header, long receivedNanoseconds)
    {
        _host.Stats.AddFrameIn();
        try
        {
            _host.Handler.OnFrame(this, frame, in header, receivedNanoseconds);
        }
        catch (Exception)
        {
            _host.Stats.AddHandlerError();
        }
    }
}
