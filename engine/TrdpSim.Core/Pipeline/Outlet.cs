using TrdpSim.Buffers;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Pipeline;

/// <summary>A telegram's way to the wire: every frame trdpsim sends — cyclic PD, pull and statistics
/// replies, pull requests, MD over UDP and TCP — leaves through an outlet, so that faults (and anything else
/// that must see every frame) wrap this one seam.</summary>
/// <remarks>
/// <para>Without faults an outlet hands the frame straight to its send port (or TCP connection): one null
/// check on the hot path. With faults, <see cref="Stage"/> holds the fault chain, which drops, copies,
/// changes or delays the frame and delivers what is left with <see cref="Deliver"/> /
/// <see cref="DeliverCopy"/>.</para>
/// <para>Wheel thread only; <see cref="Stage"/> is changed on the wheel thread too (faults attach there).</para>
/// </remarks>
/// <param name="kind">What kind of telegram leaves here.</param>
/// <param name="device">The device the outlet belongs to.</param>
/// <param name="name">The telegram's instance name (<c>plan-name</c> or <c>plan-name#i</c>), or the caller's or
/// listener's name for MD.</param>
/// <param name="comId">The telegram's ComId.</param>
/// <param name="port">The UDP socket (and batch) frames leave through.</param>
/// <param name="owner">Hears the outcome of every send (counters, lateness).</param>
/// <param name="copies">Where frame copies come from (the fault stage's copies, replies encoded per request).</param>
internal sealed class Outlet(OutletKind kind, string device, string name, uint comId, SendPort port, ISentFrameOwner owner,
    TelegramBufferPool copies)
{
    public OutletKind Kind { get; } = kind;

    /// <summary>The device the outlet belongs to.</summary>
    public string Device { get; } = device;

    /// <summary>The telegram's instance name (<c>plan-name</c> or <c>plan-name#i</c>), or the caller's or
    /// listener's name for MD.</summary>
    public string Name { get; } = name;

    public uint ComId { get; } = comId;

    /// <summary>Where frame copies come from (the fault stage's copies, replies encoded per request).</summary>
    public TelegramBufferPool Copies { get; } = copies;

    /// <summary>The device's bus interface the outlet's frames leave from: <c>a</c> (the device's address) unless
    /// the device is multi-homed and this is the telegram's copy for another interface.</summary>
    public string Interface { get; init; } = "a";

    /// <summary>The cyclic telegram behind the outlet (publications and pull requests); null for replies.</summary>
    public IOutletSource? Source { get; init; }

    /// <summary>The telegram's counters, where a fault counts frames it withheld or delayed; null for MD.</summary>
    public TelegramCounters? Counters { get; init; }

    /// <summary>Whether the outlet answers over TCP (MD callers and listeners with protocol "tcp").</summary>
    public bool Tcp { get; init; }

    /// <summary>The TCP connections an MD caller over TCP sends through (connected on first use).</summary>
    public TcpMdClientPool? TcpClients { get; init; }

    /// <summary>The local address the caller's TCP connections are bound to: the address of the device's interface the
    /// caller leaves from (0 = the pool's own, the device's address).</summary>
    public uint TcpLocalAddress { get; init; }

    /// <summary>Whether the outlet's frames expect replies (an MD caller of requests, not of notifications).</summary>
    public bool AwaitsReplies { get; init; }

    /// <summary>Opens a second socket for replies sent from the wrong port (a fault), when the outlet can have one: for
    /// the interface given (0 = the outlet's own; a multi-homed device's further interfaces 1, 2, … as in
    /// <see cref="FacePorts"/>), bound to that interface's address.</summary>
    public Func<int, SendPort>? AlternatePortOpener { get; init; }

    /// <summary>The send ports of a multi-homed device's further interfaces (index: interface − 1), for frames whose
    /// <see cref="FrameRoute.Face"/> names one: MD replies and errors leave on the interface their request arrived
    /// on. Null (a single-homed device, or an outlet of one interface) = every frame leaves through the outlet's port.</summary>
    public SendPort[]? FacePorts { get; init; }

    /// <summary>The second socket, once opened (<see cref="EnsureAlternatePort"/>).</summary>
    public SendPort? AlternatePort { get; private set; }

    /// <summary>The second sockets of the further interfaces (index: interface − 1), opened with
    /// <see cref="AlternatePort"/> when the outlet has <see cref="FacePorts"/>: a reply from the wrong port still
    /// leaves on the interface its request arrived on.</summary>
    public SendPort[]? AlternateFacePorts { get; private set; }

    /// <summary>Sees the frames this outlet sends over TCP (a recording); null when nothing listens. UDP frames
    /// are seen by their send port.</summary>
    public IFrameTap? TcpTap { get; init; }

    /// <summary>The faults this outlet's frames pass through; null (the usual case) sends straight to the port.</summary>
    public IOutletStage? Stage { get; set; }

    /// <summary>Opens the alternate socket on first use (wheel thread, when a fault attaches — never per frame).</summary>
    /// <returns>The socket, or null when the outlet cannot have one.</returns>
    public SendPort? EnsureAlternatePort()
    {
        if (AlternatePort is null && AlternatePortOpener is { } open)
        {
            AlternatePort = open(0);
            if (FacePorts is { } faces)
            {
                var alternates = new SendPort[faces.Length];
                for (var face = 1; face <= faces.Length; face++)
                {
                    alternates[face - 1] = open(face);
                }

                AlternateFacePorts = alternates;
            }
        }

        return AlternatePort;
    }

    /// <summary>Sends a frame the caller keeps unchanged until the tick's flush (a telegram's own frame).</summary>
    public void Send(byte[] frame, int length, in FrameRoute route, long intendedNanoseconds)
    {
        if (Stage is { } stage)
        {
            stage.Emit(frame, length, route, intendedNanoseconds);
            return;
        }

        Deliver(frame, length, route, intendedNanoseconds);
    }

    /// <summary>Sends a frame from a scratch buffer the caller reuses at once (MD sessions): it is copied first.</summary>
    public void SendCopyOf(ReadOnlySpan<byte> frame, in FrameRoute route, long intendedNanoseconds)
    {
        // Frames beyond a pooled block (MD over 2 KiB) skip the frame faults; reply faults still bend the decision.
        if (Stage is { } stage && frame.Length <= Copies.Blocks.BlockSize)
        {
            var copy = Copies.Rent();
            frame.CopyTo(copy.Block);
            copy.Length = frame.Length;
            stage.EmitCopy(copy, route, intendedNanoseconds);
            return;
        }

        if (route.Connection is not null || route.TcpClient)
        {
            SendTcp(frame, route);
            return;
        }

        PortFor(route).EnqueueCopyOf(route.Owner ?? owner, frame, route.Destination, intendedNanoseconds);
    }

    /// <summary>Sends a pooled copy from <see cref="Copies"/>; the outlet owns it from here on.</summary>
    public void SendCopy(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds)
    {
        if (Stage is { } stage)
        {
            stage.EmitCopy(copy, route, intendedNanoseconds);
            return;
        }

        DeliverCopy(copy, route, intendedNanoseconds);
    }

    /// <summary>The last step: a frame held by reference to the port (or the TCP connection).</summary>
    public void Deliver(byte[] frame, int length, in FrameRoute route, long intendedNanoseconds)
    {
        if (route.Connection is not null || route.TcpClient)
        {
            SendTcp(frame.AsSpan(0, length), route);
            return;
        }

        PortFor(route).Enqueue(route.Owner ?? owner, frame, length, route.Destination, intendedNanoseconds);
    }

    /// <summary>The last step for a pooled copy: the port returns it to <see cref="Copies"/> after sending.</summary>
    public void DeliverCopy(TelegramBuffer copy, in FrameRoute route, long intendedNanoseconds)
    {
        if (route.Connection is not null || route.TcpClient)
        {
            SendTcp(copy.Span, route);
            Copies.Return(copy);
            return;
        }

        PortFor(route).EnqueueCopy(route.Owner ?? owner, copy, Copies, route.Destination, intendedNanoseconds);
    }

    /// <summary>The client pool's connection to <paramref name="destination"/> when it is not up yet, so a frame just
    /// handed to the pool waits in its queue. Null when the connection is up (the frame has left or is leaving), when the
    /// outlet has no client pool, and when a fault stage holds the frame (it may go later, on another connection).</summary>
    public TcpMdConnection? ConnectionNotYetUp(Ip4Endpoint destination) =>
        Stage is null && TcpClients is { } pool && pool.TryGetConnection(TcpLocalAddress, destination, out var connection)
            && !connection.IsOpen ? connection : null;

    /// <summary>A frame on a TCP connection: the request's own, or the client pool's (which connects on first
    /// use and queues until connected; a refusal counts as a failed send).</summary>
    private void SendTcp(ReadOnlySpan<byte> frame, in FrameRoute route)
    {
        var accepted = route.Connection is { } connection
            ? connection.Send(frame)
            : TcpClients!.Send(TcpLocalAddress, route.Destination, frame) <= TcpSendResult.QueuedUntilConnected;
        var sent = MonotonicClock.NowNanoseconds();
        if (accepted && TcpTap is { } tap)
        {
            ShowTap(tap, frame, route, sent);
        }

        (route.Owner ?? owner).OnSent(accepted, sent);
    }

    /// <summary>A frame the connection took, between its local and remote ends (a pool connection that is still
    /// connecting and was not bound yet shows local port 0).</summary>
    private void ShowTap(IFrameTap tap, ReadOnlySpan<byte> frame, in FrameRoute route, long sent)
    {
        var connection = route.Connection;
        if (connection is null && TcpClients is { } clients)
        {
            clients.TryGetConnection(TcpLocalAddress, route.Destination, out connection);
        }

        if (connection is not null)
        {
            tap.OnFrame(frame, connection.LocalEndpoint, connection.RemoteEndpoint, sent);
        }
    }

    private SendPort PortFor(in FrameRoute route) =>
        route.AlternatePort && AlternatePort is { } other
            ? (route.Face > 0 && AlternateFacePorts is { } alternates && route.Face <= alternates.Length ? alternates[route.Face - 1] : other)
        : route.Face > 0 && FacePorts is { } faces && route.Face <= faces.Length ? faces[route.Face - 1]
        : port;
}
