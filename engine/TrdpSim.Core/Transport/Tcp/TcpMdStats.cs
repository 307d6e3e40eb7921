using TrdpSim.Protocol;

namespace TrdpSim.Transport.Tcp;

/// <summary>Counters of a <see cref="TcpMdServer"/> or <see cref="TcpMdClientPool"/>, cumulative since it
/// was created.</summary>
/// <remarks>
/// Updated with <see cref="Interlocked"/> operations because several I/O threads and any thread calling
/// <see cref="TcpMdConnection.Send"/> write them. Readers (metrics scrape) see each value atomically but
/// not a consistent snapshot across counters.
/// </remarks>
public sealed class TcpMdStats
{
    private static readonly int ReasonCount = Enum.GetValues<TcpCloseReason>().Length;

    private readonly long[] _closed = new long[ReasonCount];
    private long _accepted;
    private long _refused;
    private long _connectAttempts;
    private long _connected;
    private long _framesIn;
    private long _framesOut;
    private long _bytesIn;
    private long _bytesOut;
    private long _framingErrors;
    private long _sendRejectedFull;
    private long _sendRejectedClosed;
    private long _sendRejectedInvalid;
    private long _sendRejectedReconnectWait;
    private long _bytesDroppedOnClose;
    private long _handlerErrors;
    private int _lastFramingError;
    private int _active;

    /// <summary>Server: connections accepted and kept.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Server: connections accepted and closed at once because the maximum was reached.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Pool: connect attempts started.</summary>
    public long ConnectAttempts => Interlocked.Read(ref _connectAttempts);

    /// <summary>Pool: connect attempts that succeeded.</summary>
    public long Connected => Interlocked.Read(ref _connected);

    /// <summary>Connections currently open (or connecting).</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>Complete frames delivered to the handler.</summary>
    public long FramesIn => Interlocked.Read(ref _framesIn);

    /// <summary>Frames accepted by <see cref="TcpMdConnection.Send"/> (queued for the socket).</summary>
    public long FramesOut => Interlocked.Read(ref _framesOut);

    /// <summary>Bytes received from sockets.</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Bytes the sockets accepted for sending.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Streams poisoned by a bad header (each also closes its connection with
    /// <see cref="TcpCloseReason.FramingError"/>).</summary>
    public long FramingErrors => Interlocked.Read(ref _framingErrors);

    /// <summary>The check that failed in the latest framing error.</summary>
    public FrameCheck LastFramingError => (FrameCheck)Volatile.Read(ref _lastFramingError);

    /// <summary>Sends refused because the connection's send buffer was at its bound.</summary>
    public long SendRejectedBufferFull => Interlocked.Read(ref _sendRejectedFull);

    /// <summary>Sends refused because the connection (or pool) was closed.</summary>
    public long SendRejectedClosed => Interlocked.Read(ref _sendRejectedClosed);

    /// <summary>Sends refused because the frame length was outside 116 … 65504.</summary>
    public long SendRejectedInvalid => Interlocked.Read(ref _sendRejectedInvalid);

    /// <summary>Pool: sends refused while waiting out the reconnect delay after a failed connect.</summary>
    public long SendRejectedReconnectWait => Interlocked.Read(ref _sendRejectedReconnectWait);

    /// <summary>Bytes accepted by Send but discarded unsent because the connection closed.</summary>
    public long BytesDroppedOnClose => Interlocked.Read(ref _bytesDroppedOnClose);

    /// <summary>Exceptions thrown by handler callbacks (caught).</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Connections closed, all reasons.</summary>
    public long Closed
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _closed.Length; i++)
            {
                sum += Interlocked.Read(ref _closed[i]);
            }

            return sum;
        }
    }

    /// <summary>Connections closed for <paramref name="reason"/>.</summary>
    public long ClosedBy(TcpCloseReason reason) =>
        (uint)reason < (uint)_closed.Length ? Interlocked.Read(ref _closed[(int)reason]) : 0;

    internal void AddAccepted()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _active);
    }

    internal void AddRefused() => Interlocked.Increment(ref _refused);

    internal void AddConnectAttempt()
    {
        Interlocked.Increment(ref _connectAttempts);
        Interlocked.Increment(ref _active);
    }

    internal void AddConnected() => Interlocked.Increment(ref _connected);

    internal void AddClosed(TcpCloseReason reason, int droppedBytes)
    {
        Interlocked.Increment(ref _closed[(int)reason]);
        Interlocked.Decrement(ref _active);
        if (droppedBytes > 0)
        {
            Interlocked.Add(ref _bytesDroppedOnClose, droppedBytes);
        }
    }

    internal void AddReceived(int bytes) => Interlocked.Add(ref _bytesIn, bytes);

    internal void AddFrameIn() => Interlocked.Increment(ref _framesIn);

    internal void AddFrameOut() => Interlocked.Increment(ref _framesOut);

    internal void AddSent(int bytes) => Interlocked.Add(ref _bytesOut, bytes);

    internal void AddFramingError(FrameCheck check)
    {
        Interlocked.Increment(ref _framingErrors);
        Volatile.Write(ref _lastFramingError, (int)check);
    }

    internal void AddSendRejected(TcpSendResult result)
    {
        switch (result)
        {
            case TcpSendResult.BufferFull: Interlocked.Increment(ref _sendRejectedFull); break;
            case TcpSendResult.InvalidFrame: Interlocked.Increment(ref _sendRejectedInvalid); break;
            case TcpSendResult.ReconnectWait: Interlocked.Increment(ref _sendRejectedReconnectWait); break;
            default: Interlocked.Increment(ref _sendRejectedClosed); break;
        }
    }

    internal void AddHandlerError() => Interlocked.Increment(ref _handlerErrors);
}
