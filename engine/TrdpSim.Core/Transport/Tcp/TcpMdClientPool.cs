using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using TrdpSim.Scheduling;
using TrdpSim.Transport.Tcp.Internal;

namespace TrdpSim.Transport.Tcp;

/// <summary>
/// The caller side of MD over TCP (trdp-wire.md §8.9): one kept connection per (local address, destination),
/// opened on first use and reused for later frames; replies read from it go to an <see cref="ITcpMdHandler"/>.
/// </summary>
/// <remarks>
/// <para><b>Local address.</b> A frame is sent from a local address (a multi-homed device's interface, where the
/// device under test sees it come from and where its reply returns); 0 means the pool's
/// <see cref="TcpMdClientOptions.BindAddress"/>. Frames to one destination from two local addresses travel on two
/// connections; a device that sends from one address keeps one connection per destination, shared by its callers.</para>
/// <para><b>Connecting never blocks the caller.</b> The first <see cref="Send(uint, Ip4Endpoint, ReadOnlySpan{byte})"/> to a destination starts a
/// non-blocking connect, copies the frame into the new connection's send buffer and returns
/// <see cref="TcpSendResult.QueuedUntilConnected"/>; queued frames are written once connected. If the connect
/// fails or times out (default 60 s), the queued frames are dropped (counted in
/// <see cref="TcpMdStats.BytesDroppedOnClose"/>) and the handler gets
/// <see cref="ITcpMdHandler.OnConnectionClosed"/> with <see cref="TcpCloseReason.ConnectFailed"/> or
/// <see cref="TcpCloseReason.ConnectTimeout"/>. Sends to that destination are then refused with
/// <see cref="TcpSendResult.ReconnectWait"/> for the reconnect delay (doubling per failure up to its maximum,
/// reset by a successful connect); the first Send after it tries again. There are no retransmissions on
/// TCP.</para>
/// <para><b>Threading:</b> <see cref="Send(uint, Ip4Endpoint, ReadOnlySpan{byte})"/> is thread-safe (a short lock on the destination map, then
/// the connection's send lock). I/O runs on socket-engine threads as for <see cref="TcpMdServer"/>; a
/// thread-pool timer enforces the connect, idle and send timeouts. The pool never throws on network errors.</para>
/// <para><b>Buffers:</b> Send copies the frame; the caller keeps its span. Nothing is allocated per frame
/// once a destination's connection exists.</para>
/// </remarks>
internal sealed class TcpMdClientPool : IDisposable
{
    private readonly Host _host;
    private readonly Dictionary<Route, TcpMdConnection> _byDestination = [];
    private readonly Dictionary<Route, ReconnectBackoff> _backoff = [];
    private readonly long _reconnectNanoseconds;
    private readonly long _maxReconnectNanoseconds;
    private readonly uint _bindAddress;

    /// <summary>Creates an empty pool.</summary>
    /// <param name="handler">Receives replies and connection ends.</param>
    /// <param name="options">Connect options; default <see cref="TcpMdClientOptions"/>.</param>
    public TcpMdClientPool(ITcpMdHandler handler, TcpMdClientOptions? options = null)
    {
        options ??= new TcpMdClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReconnectDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxReconnectDelay, options.ReconnectDelay);
        _reconnectNanoseconds = options.ReconnectDelay == TimeSpan.Zero ? 0 : options.ReconnectDelay.ToTimeoutNanoseconds();
        _maxReconnectNanoseconds = options.ReconnectDelay == TimeSpan.Zero ? 0 : options.MaxReconnectDelay.ToTimeoutNanoseconds();
        _bindAddress = options.BindAddress;
        _host = new Host(this, handler, options);
    }

    /// <summary>Counters of this pool.</summary>
    public TcpMdStats Stats => _host.Stats;

    /// <summary>Connections open or connecting.</summary>
    public int ConnectionCount => _host.ConnectionCount;

    /// <summary>Sends one complete MD frame to <paramref name="destination"/> from the pool's bind address, connecting
    /// first if needed.</summary>
    /// <returns><see cref="TcpSendResult.Accepted"/> or <see cref="TcpSendResult.QueuedUntilConnected"/>
    /// when taken; otherwise why not (also counted in <see cref="Stats"/>).</returns>
    public TcpSendResult Send(Ip4Endpoint destination, ReadOnlySpan<byte> frame) => Send(0, destination, frame);

    /// <summary>Sends one complete MD frame to <paramref name="destination"/> on the connection from
    /// <paramref name="localAddress"/> (host order; 0 = the pool's bind address), connecting first if needed.</summary>
    /// <returns>As <see cref="Send(Ip4Endpoint, ReadOnlySpan{byte})"/>.</returns>
    public TcpSendResult Send(uint localAddress, Ip4Endpoint destination, ReadOnlySpan<byte> frame)
    {
        TcpMdConnection? connection;
        var route = RouteFor(localAddress, destination);
        lock (_byDestination)
        {
            if (_host.IsDisposed)
            {
                _host.Stats.AddSendRejected(TcpSendResult.Disposed);
                return TcpSendResult.Disposed;
            }

            if (!_byDestination.TryGetValue(route, out connection))
            {
                if (_backoff.TryGetValue(route, out ReconnectBackoff backoff) && MonotonicClock.NowNanoseconds() < backoff.RetryAt)
                {
                    _host.Stats.AddSendRejected(TcpSendResult.ReconnectWait);
                    return TcpSendResult.ReconnectWait;
                }

                connection = Open(route);
            }
        }

        if (connection is null)
        {
            _host.Stats.AddSendRejected(TcpSendResult.Closed);
            return TcpSendResult.Closed;
        }

        return connection.TrySend(frame);
    }

    /// <summary>The live connection to <paramref name="destination"/> from the pool's bind address, if any.</summary>
    public bool TryGetConnection(Ip4Endpoint destination, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TcpMdConnection? connection) =>
        TryGetConnection(0, destination, out connection);

    /// <summary>The live connection to <paramref name="destination"/> from <paramref name="localAddress"/> (0 = the
    /// pool's bind address), if any.</summary>
    public bool TryGetConnection(uint localAddress, Ip4Endpoint destination,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TcpMdConnection? connection)
    {
        var route = RouteFor(localAddress, destination);
        lock (_byDestination)
        {
            return _byDestination.TryGetValue(route, out connection);
        }
    }

    /// <summary>Closes every connection (reason <see cref="TcpCloseReason.Disposed"/>); later sends return
    /// <see cref="TcpSendResult.Disposed"/>.</summary>
    public void Dispose() => _host.Dispose();

    /// <summary>The map key of a frame from <paramref name="localAddress"/> (0 = the bind address) to
    /// <paramref name="destination"/>: one address stands for the bind address whichever way it is named, so a
    /// device's callers share their connection.</summary>
    private Route RouteFor(uint localAddress, Ip4Endpoint destination) => new(localAddress != 0 ? localAddress : _bindAddress, destination);

    /// <summary>Creates, lists and starts connecting a socket; the caller holds the map lock.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TcpMdConnection? Open(Route route)
    {
        Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var connection = new TcpMdConnection(_host, socket, route.Destination, connecting: true) { PoolLocalAddress = route.Local };
        if (!_host.TryAdd(connection))
        {
            socket.Dispose();
            return null;
        }

        _byDestination[route] = connection;
        _host.Stats.AddConnectAttempt();
        if (route.Local != 0)
        {
            try
            {
                socket.Bind(new IPEndPoint(SocketAddresses.ToIPAddress(route.Local), 0));
                connection.LearnLocalEndpoint();
            }
            catch (SocketException)
            {
                connection.CloseWith(TcpCloseReason.ConnectFailed);
                return connection;
            }
        }

        connection.StartConnect(SocketAddresses.ToIPEndPoint(route.Destination));
        return connection;
    }

    /// <summary>Unlists a closed connection and keeps its destination's reconnect delay: grown after a failed
    /// connect, forgotten once a connection had been established.</summary>
    private void Unlist(TcpMdConnection connection, TcpCloseReason reason)
    {
        var route = new Route(connection.PoolLocalAddress, connection.RemoteEndpoint);
        lock (_byDestination)
        {
            if (_byDestination.TryGetValue(route, out TcpMdConnection? current) && ReferenceEquals(current, connection))
            {
                _byDestination.Remove(route);
            }

            if (reason is TcpCloseReason.ConnectFailed or TcpCloseReason.ConnectTimeout)
            {
                if (_reconnectNanoseconds > 0)
                {
                    long delay = _backoff.TryGetValue(route, out ReconnectBackoff last)
                        ? Math.Min(last.Delay * 2, _maxReconnectNanoseconds)
                        : _reconnectNanoseconds;
                    _backoff[route] = new ReconnectBackoff(MonotonicClock.NowNanoseconds() + delay, delay);
                }
            }
            else if (reason != TcpCloseReason.Disposed)
            {
                _backoff.Remove(route);
            }
        }
    }

    /// <summary>When a destination may be tried again, and the wait that led there.</summary>
    private readonly record struct ReconnectBackoff(long RetryAt, long Delay);

    /// <summary>A connection's two ends as the pool keys them: the local address it is bound to (0 = not bound, the
    /// kernel picks) and the destination.</summary>
    private readonly record struct Route(uint Local, Ip4Endpoint Destination);

    private sealed class Host(TcpMdClientPool pool, ITcpMdHandler handler, TcpMdClientOptions options)
        : TcpConnectionHost(handler, options.MaxConnections, options.IdleTimeout, options.SendTimeout,
            options.ConnectTimeout, options.MaxSendBufferBytes, options.ReceiveChunkBytes)
    {
        protected override void OnRemoved(TcpMdConnection connection, TcpCloseReason reason) => pool.Unlist(connection, reason);

        protected override void DisposeCore()
        {
        }
    }
}
