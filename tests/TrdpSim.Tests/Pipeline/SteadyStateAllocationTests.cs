using TrdpSim.Events;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Pipeline;

/// <summary>Allocation budget of the whole publish → send → receive → dispatch path in steady state.</summary>
/// <remarks>Everything runs on the test thread with fake time (the wheel advanced by hand, receive
/// sockets drained by hand), so <see cref="GC.GetAllocatedBytesForCurrentThread"/> sees every byte.</remarks>
public sealed class SteadyStateAllocationTests
{
    private const long Tick = SteadyStatePlans.Tick;

    [Fact]
    public void PublishAndReceivePathAllocatesNothingPerTelegram()
    {
        var plan = SteadyStatePlans.PublisherAndSubscriber();

        var queue = new SendQueue();
        using var run = RunBuilder.Build(plan, new InMemoryUdpTransport(queueCapacity: 4096), queue, Tick);
        // A listener on the event stream, as in a daemon: the hooks are live, not null.
        using var events = new RunEventBus();
        run.Faults.Events = events;
        foreach (var device in run.Devices)
        {
            foreach (var (_, dispatcher) in device.Receivers)
            {
                foreach (var subscription in dispatcher.Subscriptions)
                {
                    subscription.Events = events;
                }
            }
        }

        var wheel = SteadyStatePlans.Start(run);

        var slots = new IncomingDatagram[64];
        var block = GC.AllocateArray<byte>(64 * 2048, pinned: true);
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new IncomingDatagram { Buffer = block, Offset = i * 2048, Capacity = 2048 };
        }

        void Receive(long now)
        {
            // Indexed loops: foreach over IReadOnlyList<T> would box an enumerator per tick.
            for (var d = 0; d < run.Devices.Count; d++)
            {
                foreach (var (endpoint, dispatcher) in run.Devices[d].Receivers)
                {
                    int count;
                    while ((count = endpoint.Receive(slots, 0)) > 0)
                    {
                        for (var i = 0; i < count; i++)
                        {
                            dispatcher.Dispatch(slots[i].Buffer.AsSpan(slots[i].Offset, slots[i].Length), slots[i].Truncated, slots[i].Source, now);
                        }
                    }

                    dispatcher.Sweep(now);
                }
            }
        }

        SteadyStatePlans.AssertPathAllocatesNothing(run, queue, wheel, Receive);
    }
}
