using System.Collections.Concurrent;

namespace TrdpSim.IntegrationTests.Transport.Tcp;

/// <summary>Records frames and closes; optionally answers every 'Mr' with an 'Mp' on the same connection.</summary>
internal sealed class TcpTestHandler(bool reply = false) : ITcpMdHandler
{
    private readonly byte[] _reply = new byte[MdFrame.MaxFrameSize];
    private readonly SemaphoreSlim _frameSignal = new(0);

    public ConcurrentQueue<(MdHeader Header, long Nanoseconds, long ConnectionId)> Frames { get; } = new();

    public ConcurrentQueue<(TcpMdConnection Connection, TcpCloseReason Reason)> Closes { get; } = new();

    /// <summary>When false, OnFrame only signals (no copy, no allocation) — for round-trip loops.</summary>
    public bool Record { get; set; } = true;

    public int ReplyFailures;

    private long _frameCount;

    /// <summary>Frames seen so far.</summary>
    public long FrameCount => Volatile.Read(ref _frameCount);

    /// <summary>The connection of the latest frame.</summary>
    public TcpMdConnection? LastConnection { get; private set; }

    public void OnFrame(TcpMdConnection connection, ReadOnlySpan<byte> frame, in MdHeader header, long receivedNanoseconds)
    {
        LastConnection = connection;
        if (Record)
        {
            Frames.Enqueue((header, receivedNanoseconds, connection.Id));
        }

        if (reply && header.MessageType == TrdpMessageType.Mr)
        {
            // Reply: same bytes with type 'Mp', replyTimeout 0, FCS rewritten (session, seq, comId kept).
            frame.CopyTo(_reply);
            Span<byte> answer = _reply.AsSpan(0, frame.Length);
            answer[7] = (byte)'p';
            answer.Slice(44, 4).Clear();
            HeaderFcs.Write(answer[..MdFrame.HeaderSize]);
            if (!connection.Send(answer))
            {
                Interlocked.Increment(ref ReplyFailures);
            }
        }

        Interlocked.Increment(ref _frameCount);
        _frameSignal.Release();
    }

    /// <summary>Spin-waits (no blocking primitive, so nothing is allocated) until <see cref="FrameCount"/>
    /// reaches <paramref name="target"/>; false after <paramref name="milliseconds"/>.</summary>
    public bool SpinUntilFrameCount(long target, int milliseconds = 5000)
    {
        long deadline = Environment.TickCount64 + milliseconds;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _frameCount) < target)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }

    public void OnConnectionClosed(TcpMdConnection connection, TcpCloseReason reason) => Closes.Enqueue((connection, reason));

    public bool WaitFrame(int milliseconds = 5000) => _frameSignal.Wait(milliseconds);

    public static bool WaitUntil(Func<bool> condition, int milliseconds = 5000)
    {
        long deadline = Environment.TickCount64 + milliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }
}
