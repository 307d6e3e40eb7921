using TrdpSim.Scheduling;

namespace TrdpSim.Transport.Tcp.Internal;

/// <summary>
/// What a server and a client pool share: the handler, stats, timeouts, the table of live connections and
/// a housekeeping timer that enforces the idle, send and connect timeouts.
/// </summary>
/// <remarks>
/// The connection table is guarded by a lock taken on connection add/remove and once per housekeeping
/// tick (which copies the table into a reused array, then checks each connection outside the lock).
/// The timer runs on the thread pool every quarter of the shortest timeout, clamped to 10 ms … 1 s.
/// </remarks>
internal abstract class TcpConnectionHost : IDisposable
{
    private readonly List<TcpMdConnection> _connections = [];
    private readonly Timer _timer;
    private TcpMdConnection[] _scan = new TcpMdConnection[16];
    private int _housekeeping;
    private long _nextConnectionId;
    private int _disposed;

    protected TcpConnectionHost(ITcpMdHandler handler, int maxConnections, TimeSpan idleTimeout, TimeSpan sendTimeout,
        TimeSpan connectTimeout, int maxSendBufferBytes, int receiveChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        MaxConnections = maxConnections;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSendBufferBytes, Protocol.MdFrame.MaxFrameSize);
        Handler = handler;
        IdleNanoseconds = idleTimeout.ToTimeoutNanoseconds();
        SendNanoseconds = sendTimeout.ToTimeoutNanoseconds();
        ConnectNanoseconds = connectTimeout.ToTimeoutNanoseconds();
        MaxSendBufferBytes = maxSendBufferBytes;
        ReceiveChunkBytes = receiveChunkBytes;
        long shortest = Math.Min(IdleNanoseconds, Math.Min(SendNanoseconds, ConnectNanoseconds));
        double periodMs = shortest == long.MaxValue ? 1000 : shortest / 1e6 / 4;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(periodMs, 10, 1000));
        _timer = new Timer(static state => ((TcpConnectionHost)state!).Housekeep(), this, period, period);
    }

    internal ITcpMdHandler Handler { get; }

    /// <summary>Connections open (or connecting) at the most; one more is refused.</summary>
    internal int MaxConnections { get; }

    internal TcpMdStats Stats { get; } = new();

    internal long IdleNanoseconds { get; }

    internal long SendNanoseconds { get; }

    internal long ConnectNanoseconds { get; }

    internal int MaxSendBufferBytes { get; }

    internal int ReceiveChunkBytes { get; }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    internal int ConnectionCount
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    internal long NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);

    /// <summary>Adds a connection unless disposed or at <see cref="MaxConnections"/>.</summary>
    internal bool TryAdd(TcpMdConnection connection)
    {
        lock (_connections)
        {
            if (IsDisposed || _connections.Count >= MaxConnections)
            {
                return false;
            }

            _connections.Add(connection);
            return true;
        }
    }

    /// <summary>Called once by a connection that closed: unlists it, counts it, tells the handler.</summary>
    internal void OnConnectionClosed(TcpMdConnection connection, TcpCloseReason reason, int droppedBytes)
    {
        lock (_connections)
        {
            _connections.Remove(connection);
        }

        OnRemoved(connection, reason);
        Stats.AddClosed(reason, droppedBytes);
        try
        {
            Handler.OnConnectionClosed(connection, reason);
        }
        catch (Exception)
        {
            Stats.AddHandlerError();
        }
    }

    /// <summary>Hook for subclasses that index connections (the pool's destination map).</summary>
    protected virtual void OnRemoved(TcpMdConnection connection, TcpCloseReason reason)
    {
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Set before the snapshot below: TryAdd checks it under the table lock, so every connection is
        // either refused or in the snapshot.
        _timer.Dispose();
        DisposeCore();
        TcpMdConnection[] all;
        lock (_connections)
        {
            all = [.. _connections];
        }

        foreach (TcpMdConnection connection in all)
        {
            connection.CloseWith(TcpCloseReason.Disposed);
        }
    }

    /// <summary>Subclass shutdown (listener close), before connections are closed.</summary>
    protected abstract void DisposeCore();

    private void Housekeep()
    {
        if (Interlocked.Exchange(ref _housekeeping, 1) != 0)
        {
            return;
        }

        try
        {
            int count;
            lock (_connections)
            {
                count = _connections.Count;
                if (_scan.Length < count)
                {
                    _scan = new TcpMdConnection[Math.Max(count, 2 * _scan.Length)];
                }

                _connections.CopyTo(_scan);
            }

            long now = MonotonicClock.NowNanoseconds();
            for (int i = 0; i < count; i++)
            {
                _scan[i].CheckTimeouts(now);
                _scan[i] = null!;
            }
        }
        finally
        {
            Volatile.Write(ref _housekeeping, 0);
        }
    }
}
