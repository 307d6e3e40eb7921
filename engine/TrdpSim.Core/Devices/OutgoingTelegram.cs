using TrdpSim.Pipeline;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>A telegram the timing wheel sends on its own schedule: a cyclic publication or a pull request.</summary>
/// <remarks>
/// Owns one pinned frame buffer whose header is initialised once (as TCNopen does); each expiry
/// rewrites only what changes (sequence counter, payload fields, FCS) and hands the buffer to its
/// <see cref="Outlet"/>, which sends it before the wheel thread touches the buffer again. Faults wrap the
/// outlet and see the telegram only as an <see cref="IOutletSource"/>. Everything here runs on the wheel
/// thread, except where a member says otherwise.
/// </remarks>
internal abstract class OutgoingTelegram : WheelTimer, ISentFrameOwner, IOutletSource
{
    protected OutgoingTelegram(string name, TelegramCounters counters, TelegramGroup group, Ip4Endpoint destination, int frameCapacity)
    {
        Name = name;
        Counters = counters;
        Group = group;
        Destination = destination;
        Frame = GC.AllocateArray<byte>(frameCapacity, pinned: true);
    }

    /// <summary>Instance name (<c>plan-name</c> or <c>plan-name#i</c>).</summary>
    public string Name { get; }

    /// <summary>The telegram's way to the wire (set when the run is built).</summary>
    public Outlet Outlet { get; internal set; } = null!;

    /// <summary>A multi-homed device's further interfaces: the same frame leaves through each of these outlets too
    /// (their own sockets, faults and recording taps); null for a device with one interface.</summary>
    internal Outlet[]? PathOutlets { get; set; }

    public TelegramCounters Counters { get; }

    public TelegramGroup Group { get; }

    public Ip4Endpoint Destination { get; }

    /// <summary>The encoded frame; valid for <see cref="FrameLength"/> bytes.</summary>
    public byte[] Frame { get; }

    public int FrameLength { get; protected set; }

    /// <inheritdoc />
    public abstract int PayloadLength { get; }

    /// <summary>Nanoseconds between sends; 0 = not cyclic.</summary>
    public long CycleNanoseconds { get; set; }

    /// <summary>When set, the device is "off": cycles pass without sending (the runtime "silence" command;
    /// the silence <i>fault</i> is a link of the telegram's fault stage and works independently of this flag).</summary>
    public bool Silenced { get; set; }

    /// <summary>When set, a load phase has taken this telegram out of the mix: cycles pass without sending.
    /// Separate from <see cref="Silenced"/> so that phases and faults never undo each other.</summary>
    public bool Parked { get; set; }

    /// <summary>A follower of a redundancy group (<see cref="RedundancyGroup"/>): cycles prepare the frame (the
    /// sequence counter keeps counting, as TCNopen's follower does) but nothing is sent (wheel thread).</summary>
    public bool Follower { get; internal set; }

    /// <summary>The run's pause switch (set when the run is assembled; null for a telegram outside a run):
    /// while it is closed, cycles pass without sending.</summary>
    internal TrafficGate? Gate;

    /// <summary>Whether the run's traffic is paused (wheel thread).</summary>
    internal bool IsPaused => Gate is { IsPaused: true };

    /// <summary>Where this telegram's send lateness goes; <c>null</c> when its group's histogram means
    /// something else (a pull's round trip). <see cref="SendPort"/> records it, batched.</summary>
    public virtual LatencyRecorder? SendLateness => Group.Lateness;

    /// <summary>Called by <see cref="SendPort"/> after the socket accepted (or refused) the frame.</summary>
    /// <param name="accepted">Whether the socket took it.</param>
    /// <param name="sentNanoseconds">Time the send call returned.</param>
    public virtual void OnSent(bool accepted, long sentNanoseconds)
    {
        if (accepted)
        {
            Counters.Sent++;
        }
        else
        {
            Counters.SendFailures++;
        }
    }

    /// <summary>A cycle passed as a follower (prepared, not sent): a redundancy follower watches its leader here.</summary>
    protected virtual void OnFollowerCycle(long nowNanoseconds)
    {
    }

    /// <summary>Prepares the frame for this cycle (fields, sequence counter, FCS).</summary>
    protected abstract void PrepareFrame(long cycleIndex);

    /// <summary>Number of cycles sent or skipped so far (drives generators).</summary>
    protected long CycleIndex { get; private set; }

    /// <summary>Prepares a frame between cycles (a babbling fault's extra send): next sequence number,
    /// generators advance, the cycle index does not. Nothing while the telegram is silenced or the run paused.</summary>
    public bool TryPrepareExtraFrame()
    {
        if (Silenced || IsPaused)
        {
            return false;
        }

        PrepareFrame(CycleIndex);
        return true;
    }

    /// <inheritdoc />
    public abstract void ContinueSequenceFrom(uint sequence);

    /// <inheritdoc />
    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        var deadline = DeadlineNanoseconds;
        if (!Silenced && !Parked && !IsPaused)
        {
            PrepareFrame(CycleIndex);
            if (Follower)
            {
                Counters.FollowerCycles++;
                OnFollowerCycle(nowNanoseconds);
            }
            else
            {
                Outlet.Send(Frame, FrameLength, new FrameRoute(Destination), deadline);
                if (PathOutlets is { } paths)
                {
                    // The same frame and counter on every interface: the subscriber keeps the first copy of each.
                    foreach (var path in paths)
                    {
                        path.Send(Frame, FrameLength, new FrameRoute(Destination), deadline);
                    }
                }
            }
        }

        CycleIndex++;
        var cycle = CycleNanoseconds;
        if (cycle <= 0)
        {
            return;
        }

        if (Outlet.Stage is { } faults)
        {
            // Cycle drift stretches this re-arm; without it the schedule stays the absolute grid.
            cycle = faults.Stretch(cycle);
        }

        // Re-arm from the scheduled deadline, never from "now": no drift. A sender that fell more
        // than a cycle behind skips the missed cycles and counts them instead of bursting them out.
        var next = deadline + cycle;
        if (nowNanoseconds >= next)
        {
            var missed = (nowNanoseconds - deadline) / cycle;
            Counters.DroppedCycles += missed;
            CycleIndex += missed;
            next = deadline + ((missed + 1) * cycle);
        }

        wheel.Schedule(this, next);
    }
}
