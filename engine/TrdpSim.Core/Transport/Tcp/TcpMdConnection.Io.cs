using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using TrdpSim.Protocol;
using TrdpSim.Transport.Tcp.Internal;

namespace TrdpSim.Transport.Tcp;

/// <summary>Receive, send and connect operations of <see cref="TcpMdConnection"/>.</summary>
public sealed partial class TcpMdConnection
{
    private const int InitialSendBuffer = 4096;

    private readonly SocketAsyncEventArgs _receiveArgs;
    private readonly SocketAsyncEventArgs _sendArgs;
    private readonly Lock _sendLock = new();
    private byte[] _pending;
    private int _pendingCount;
    private byte[] _inFlight;
    private int _inFlightCount;
    private int _inFlightOffset;
    private bool _sending;
    private long _sendStartedAt;

    /// <summary>Queues one complete MD frame; see <see cref="Send"/>. Returns why it was refused, if it was.</summary>
    public TcpSendResult TrySend(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < MdFrame.HeaderSize || frame.Length > MdFrame.MaxFrameSize)
        {
            return Rejected(TcpSendResult.InvalidFrame);
        }

        TcpSendResult result;
        lock (_sendLock)
        {
            int state = Volatile.Read(ref _state);
            if (state == StateClosed)
            {
                return Rejected(TcpSendResult.Closed);
            }

            int queued = _pendingCount + (_sending ? _inFlightCount - _inFlightOffset : 0);
            if (queued + frame.Length > _host.MaxSendBufferBytes)
            {
                return Rejected(TcpSendResult.BufferFull);
            }

            if (_pending.Length - _pendingCount < frame.Length)
            {
                GrowPending(_pendingCount + frame.Length);
            }

            frame.CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += frame.Length;
            _host.Stats.AddFrameOut();
            if (state == StateConnecting)
            {
                return TcpSendResult.QueuedUntilConnected;
            }

            result = TcpSendResult.Accepted;
            if (_sending)
            {
                return result;
            }

            SwapBuffersLocked();
        }

        SendLoop();
        return result;
    }

    /// <summary>Pool side: starts the non-blocking connect; the outcome arrives on an I/O thread.</summary>
    internal void StartConnect(IPEndPoint destination)
    {
        bool pending;
        try
        {
            _receiveArgs.RemoteEndPoint = destination;
            pending = _socket.ConnectAsync(_receiveArgs);
        }
        catch (Exception)
        {
            CloseWith(TcpCloseReason.ConnectFailed);
            return;
        }

        if (!pending)
        {
            OnConnectCompleted(_receiveArgs);
        }
    }

    private TcpSendResult Rejected(TcpSendResult result)
    {
        _host.Stats.AddSendRejected(result);
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowPending(int needed)
    {
        byte[] grown = new byte[Math.Min(_host.MaxSendBufferBytes, Math.Max(needed, 2 * _pending.Length))];
        Buffer.BlockCopy(_pending, 0, grown, 0, _pendingCount);
        _pending = grown;
    }

    /// <summary>Moves the pending bytes in flight; caller holds <see cref="_sendLock"/> and has pending bytes.</summary>
    private void SwapBuffersLocked()
    {
        (_inFlight, _pending) = (_pending, _inFlight);
        _inFlightCount = _pendingCount;
        _inFlightOffset = 0;
        _pendingCount = 0;
        _sending = true;
        _sendStartedAt = MonotonicClock.Now();
    }

    /// <summary>Writes the in-flight buffer; loops over synchronous completions and refills from pending.</summary>
    private void SendLoop()
    {
        while (true)
        {
            bool pending;
            try
            {
                _sendArgs.SetBuffer(_inFlight, _inFlightOffset, _inFlightCount - _inFlightOffset);
                pending = _socket.SendAsync(_sendArgs);
            }
            catch (Exception)
            {
                CloseWith(TcpCloseReason.SocketError);
                return;
            }

            if (pending || !CompleteSend(_sendArgs))
            {
                return;
            }
        }
    }

    private void OnSendCompleted(object? sender, SocketAsyncEventArgs args)
    {
        if (CompleteSend(args))
        {
            SendLoop();
        }
    }

    /// <summary>Accounts a finished send; true when more bytes must be sent now.</summary>
    private bool CompleteSend(SocketAsyncEventArgs args)
    {
        if (args.SocketError != SocketError.Success || Volatile.Read(ref _state) == StateClosed)
        {
            lock (_sendLock)
            {
                _sending = false;
            }

            CloseWith(TcpCloseReason.SocketError);
            return false;
        }

        int sent = args.BytesTransferred;
        _host.Stats.AddSent(sent);
        Volatile.Write(ref _lastActivity, MonotonicClock.Now());
        lock (_sendLock)
        {
            _inFlightOffset += sent;
            if (_inFlightOffset < _inFlightCount)
            {
                _sendStartedAt = MonotonicClock.Now();
                return true;
            }

            if (_pendingCount == 0)
            {
                _sending = false;
                return false;
            }

            SwapBuffersLocked();
            return true;
        }
    }

    private void StartReceive()
    {
        while (true)
        {
            bool pending;
            try
            {
                _receiveArgs.SetBuffer(_framer.GetWriteMemory());
                pending = _socket.ReceiveAsync(_receiveArgs);
            }
            catch (Exception)
            {
                CloseWith(TcpCloseReason.SocketError);
                return;
            }

            if (pending || !CompleteReceive(_receiveArgs))
            {
                return;
            }
        }
    }

    private void OnReceiveCompleted(object? sender, SocketAsyncEventArgs args)
    {
        if (args.LastOperation == SocketAsyncOperation.Connect)
        {
            OnConnectCompleted(args);
        }
        else if (CompleteReceive(args))
        {
            StartReceive();
        }
    }

    /// <summary>Feeds received bytes to the framer and delivers complete frames; true to receive again.</summary>
    private bool CompleteReceive(SocketAsyncEventArgs args)
    {
        if (Volatile.Read(ref _state) == StateClosed)
        {
            return false;
        }

        if (args.SocketError != SocketError.Success)
        {
            CloseWith(TcpCloseReason.SocketError);
            return false;
        }

        int received = args.BytesTransferred;
        if (received == 0)
        {
            CloseWith(TcpCloseReason.PeerClosed);
            return false;
        }

        long now = MonotonicClock.Now();
        Volatile.Write(ref _lastActivity, now);
        _host.Stats.AddReceived(received);
        _framer.Advance(received);
        long receivedNanoseconds = MonotonicClock.ToNanoseconds(now);
        while (true)
        {
            MdStreamResult result = _framer.TryReadFrame(out ReadOnlySpan<byte> frame, out MdHeader header);
            if (result == MdStreamResult.NeedMoreData)
            {
                return Volatile.Read(ref _state) != StateClosed;
            }

            if (result == MdStreamResult.Error)
            {
                _host.Stats.AddFramingError(_framer.Error);
                CloseWith(TcpCloseReason.FramingError);
                return false;
            }

            if (Volatile.Read(ref _state) == StateClosed)
            {
                return false; // Closed by a timeout, Close() or Dispose while frames were being delivered.
            }

            DeliverFrame(frame, in header, receivedNanoseconds);
        }
    }

    private void OnConnectCompleted(SocketAsyncEventArgs args)
    {
        if (args.SocketError != SocketError.Success)
        {
            CloseWith(TcpCloseReason.ConnectFailed);
            return;
        }

        bool flush;
        lock (_sendLock)
        {
            if (Interlocked.CompareExchange(ref _state, StateOpen, StateConnecting) != StateConnecting)
            {
                return;
            }

            _lastActivity = MonotonicClock.Now();
            flush = _pendingCount > 0 && !_sending;
            if (flush)
            {
                SwapBuffersLocked();
            }
        }

        _host.Stats.AddConnected();
        LearnLocalEndpoint();
        if (flush)
        {
            SendLoop();
        }

        Start();
    }
}
