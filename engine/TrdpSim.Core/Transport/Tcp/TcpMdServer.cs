using System.Net.Sockets;
using TrdpSim.Transport.Internal;
using TrdpSim.Transport.Tcp.Internal;

namespace TrdpSim.Transport.Tcp;

/// <summary>
/// The replier side of MD over TCP (trdp-wire.md §8.9): listens (default port 17225), accepts callers,
/// cuts each stream into MD frames and hands them to an <see cref="ITcpMdHandler"/>, which replies on the
/// same <see cref="TcpMdConnection"/>.
/// </summary>
/// <remarks>
/// <para><b>Threading:</b> no dedicated thread. Accepts and receives are chains of reused
/// <see cref="SocketAsyncEventArgs"/> operations completing on socket-engine threads; handlers run there
/// (see <see cref="ITcpMdHandler"/>). A thread-pool timer enforces the idle and send timeouts.</para>
/// <para><b>Limits:</b> at most <see cref="TcpMdServerOptions.MaxConnections"/> connections; further
/// accepts are closed at once and counted. A peer whose stream fails header validation is disconnected
/// (<see cref="TcpCloseReason.FramingError"/>). Network failures are counted, never thrown.</para>
/// <para><see cref="Dispose"/> closes the listener and every connection (reason
/// <see cref="TcpCloseReason.Disposed"/>) before it returns; nothing blocks on it.</para>
/// </remarks>
internal sealed class TcpMdServer : IDisposable
{
    private readonly Host _host;
    private readonly Socket _listener;
    private readonly SocketAsyncEventArgs _acceptArgs;

    /// <summary>Binds, listens and starts accepting.</summary>
    /// <param name="handler">Receives frames and connection ends.</param>
    /// <param name="options">Listen options; default <see cref="TcpMdServerOptions"/> (0.0.0.0:17225).</param>
    /// <exception cref="SocketSetupException">The address cannot be bound or listened on, or (with
    /// <see cref="TcpMdServerOptions.ExclusiveBind"/>) another listener holds it.</exception>
    public TcpMdServer(ITcpMdHandler handler, TcpMdServerOptions? options = null)
    {
        options ??= new TcpMdServerOptions();
        _host = new Host(this, handler, options);
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var requested = new Ip4Endpoint(options.BindAddress, options.Port);
        var step = "bind";
        try
        {
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(SocketAddresses.ToIPEndPoint(requested));
            step = "listen";
            _listener.Listen(options.Backlog);
            if (options.ExclusiveBind && options.BindAddress != Ip4Endpoint.AnyAddress && options.Port != 0)
            {
                BoundSockets.EnsureSole((int)_listener.SafeHandle.DangerousGetHandle(), requested, tcp: true);
            }
        }
        catch (Exception e)
        {
            _listener.Dispose();
            _host.Dispose();
            if (e is SocketException socketError)
            {
                throw new SocketSetupException(step, requested, socketError.NativeErrorCode);
            }

            throw;
        }

        LocalEndpoint = SocketAddresses.FromEndPoint(_listener.LocalEndPoint);
        _acceptArgs = new SocketAsyncEventArgs();
        _acceptArgs.Completed += static (_, args) => ((TcpMdServer)args.UserToken!).OnAcceptCompleted(args);
        _acceptArgs.UserToken = this;
        AcceptLoop();
    }

    /// <summary>The bound address and port (the ephemeral port when <see cref="TcpMdServerOptions.Port"/> was 0).</summary>
    public Ip4Endpoint LocalEndpoint { get; }

    /// <summary>Counters of this server.</summary>
    public TcpMdStats Stats => _host.Stats;

    /// <summary>Connections currently open.</summary>
    public int ConnectionCount => _host.ConnectionCount;

    /// <summary>Stops listening and closes every connection.</summary>
    public void Dispose() => _host.Dispose();

    private void AcceptLoop()
    {
        while (!_host.IsDisposed)
        {
            _acceptArgs.AcceptSocket = null;
            bool pending;
            try
            {
                pending = _listener.AcceptAsync(_acceptArgs);
            }
            catch (Exception)
            {
                return; // Listener closed by Dispose.
            }

            if (pending || !CompleteAccept(_acceptArgs))
            {
                return;
            }
        }
    }

    private void OnAcceptCompleted(SocketAsyncEventArgs args)
    {
        if (CompleteAccept(args))
        {
            AcceptLoop();
        }
    }

    /// <summary>Takes over an accepted socket; false when the listener is gone.</summary>
    private bool CompleteAccept(SocketAsyncEventArgs args)
    {
        Socket? socket = args.AcceptSocket;
        args.AcceptSocket = null;
        if (args.SocketError != SocketError.Success)
        {
            socket?.Dispose();
            // Aborted/closed listener ends the loop; transient errors (ECONNABORTED, EMFILE) do not.
            return !_host.IsDisposed && args.SocketError is not (SocketError.OperationAborted or SocketError.Interrupted
                or SocketError.NotSocket or SocketError.Shutdown);
        }

        if (socket is null)
        {
            return !_host.IsDisposed;
        }

        var connection = new TcpMdConnection(_host, socket, SocketAddresses.FromEndPoint(socket.RemoteEndPoint), connecting: false);
        if (!_host.TryAdd(connection))
        {
            _host.Stats.AddRefused();
            socket.Dispose();
            return !_host.IsDisposed;
        }

        _host.Stats.AddAccepted();
        connection.LearnLocalEndpoint();
        connection.Start();
        return true;
    }

    private sealed class Host(TcpMdServer server, ITcpMdHandler handler, TcpMdServerOptions options)
        : TcpConnectionHost(handler, options.MaxConnections, options.IdleTimeout, options.SendTimeout,
            Timeout.InfiniteTimeSpan, options.MaxSendBufferBytes, options.ReceiveChunkBytes)
    {
        protected override void DisposeCore() => server._listener.Dispose();
    }
}
