namespace TrdpSim.Tests.Infrastructure;

/// <summary>The steps of a run driven by hand on the test thread, in the order the wheel driver and the receive
/// loops take them, for the harnesses and budgets that play a <see cref="LiveRun"/> on a manual clock.</summary>
internal static class HandDrivenRun
{
    /// <summary>Schedules the run's first sends one tick after time 0 (plus each telegram's offset) and starts every
    /// dispatcher's supervision at time 0.</summary>
    public static void ScheduleStarts(LiveRun run, TimingWheel wheel, long tick)
    {
        foreach (var start in run.Starts)
        {
            wheel.Schedule(start.Telegram, tick + start.OffsetNanoseconds);
        }

        foreach (var device in run.Devices)
        {
            foreach (var (_, dispatcher) in device.Receivers)
            {
                dispatcher.Start(0);
            }
        }
    }

    /// <summary>One tick of the wheel in the wheel driver's order: inboxes first, then the due timers, then the tick's sends.</summary>
    public static void AdvanceWheel(SendQueue queue, TimingWheel wheel, long now)
    {
        queue.BeforeAdvance(now);
        var fired = wheel.Advance(now);
        queue.AfterTick(now, fired);
    }
}

/// <summary>The receive side of a hand-driven run: every device's receive endpoints are read into 64 pinned slots,
/// each datagram is dispatched, then the subscriptions are swept, all at the same time.</summary>
internal sealed class ReceiveDrain
{
    private readonly IncomingDatagram[] _slots = new IncomingDatagram[64];

    public ReceiveDrain()
    {
        var block = GC.AllocateArray<byte>(_slots.Length * 2048, pinned: true);
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new IncomingDatagram { Buffer = block, Offset = i * 2048, Capacity = 2048 };
        }
    }

    public void Drain(LiveRun run, long now)
    {
        // Indexed loops: foreach over IReadOnlyList<T> would box an enumerator per call.
        for (var d = 0; d < run.Devices.Count; d++)
        {
            // Through the receiver, not its dispatcher: the receiver names the interface a frame arrived on.
            foreach (var receiver in run.Devices[d].Receivers)
            {
                int count;
                while ((count = receiver.Endpoint.Receive(_slots, 0)) > 0)
                {
                    for (var i = 0; i < count; i++)
                    {
                        ref var slot = ref _slots[i];
                        receiver.Dispatch(slot.Buffer.AsSpan(slot.Offset, slot.Length), slot.Truncated, slot.Source, now);
                    }
                }

                receiver.Sweep(now);
            }
        }
    }
}
