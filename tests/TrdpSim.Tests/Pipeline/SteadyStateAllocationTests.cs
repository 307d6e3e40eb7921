using TrdpSim.Composition;
using TrdpSim.Devices;
using TrdpSim.Pipeline;
using TrdpSim.Plan;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Tests.Infrastructure;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Pipeline;

/// <summary>Allocation budget of the whole publish → send → receive → dispatch path in steady state.</summary>
/// <remarks>Everything runs on the test thread with fake time (the wheel advanced by hand, receive
/// sockets drained by hand), so <see cref="GC.GetAllocatedBytesForCurrentThread"/> sees every byte.</remarks>
public sealed class SteadyStateAllocationTests
{
    private const long Tick = 100_000;

    [Fact]
    public void PublishAndReceivePathAllocatesNothingPerTelegram()
    {
        var plan = new RunPlan { Name = "alloc" };
        plan.Datasets.Add(Dataset());
        var a = new DevicePlan { Name = "A", Address = 0x0A000002 };
        var publication = new PublicationPlan
        {
            Name = "out", ComId = 5000, Count = 100, Cycle = TimeSpan.FromMilliseconds(1), DatasetId = 4001, Destination = 0x0A000003,
        };
        publication.Fields.Add(new FieldGeneratorPlan { Field = "counter", Kind = GeneratorKind.Counter });
        publication.Fields.Add(new FieldGeneratorPlan { Field = "speed", Kind = GeneratorKind.Ramp, Min = 0, Max = 100, Step = 0.5 });
        publication.Fields.Add(new FieldGeneratorPlan { Field = "noise", Kind = GeneratorKind.Random, Min = -5, Max = 5 });
        a.Publications.Add(publication);
        var b = new DevicePlan { Name = "B", Address = 0x0A000003 };
        b.Subscriptions.Add(new SubscriptionPlan { Name = "in", ComId = 5000, Count = 100, Source = 0x0A000002, Timeout = TimeSpan.FromMilliseconds(50) });
        plan.Devices.Add(a);
        plan.Devices.Add(b);

        var queue = new SendQueue();
        using var run = RunBuilder.Build(plan, new InMemoryUdpTransport(queueCapacity: 4096), queue, Tick);
        var wheel = new TimingWheel(Tick, 4096, 0);
        foreach (var start in run.Starts)
        {
            wheel.Schedule(start.Telegram, Tick + start.OffsetNanoseconds);
        }

        foreach (var device in run.Devices)
        {
            foreach (var (_, dispatcher) in device.Receivers)
            {
                dispatcher.Start(0);
            }
        }

        var slots = new IncomingDatagram[64];
        var block = GC.AllocateArray<byte>(64 * 2048, pinned: true);
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new IncomingDatagram { Buffer = block, Offset = i * 2048, Capacity = 2048 };
        }

        var now = 0L;
        void Step(int ticks)
        {
            for (var t = 0; t < ticks; t++)
            {
                now += Tick;
                queue.BeforeAdvance(now); // the wheel driver's order: inboxes first, then the due timers
                var fired = wheel.Advance(now);
                queue.AfterTick(now, fired);
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
        }

        Step(3000); // warm-up: JIT tiers, pools, dictionaries, histogram buckets
        var receivedBefore = Received(run.Telemetry); // reading totals allocates: keep it outside the window
        var rounds = 0;
        var allocated = SteadyAllocation.Fewest(() =>
        {
            Step(2000);
            rounds++;
        });
        var received = (Received(run.Telemetry) - receivedBefore) / rounds;

        Assert.True(received >= 19_000, $"only {received} telegrams went through the path");
        Assert.True(allocated == 0, $"{allocated} bytes allocated for {received} telegrams in steady state");
        Assert.Equal(0, run.Telemetry.Rejects.Total());
    }

    private static long Received(RunTelemetry telemetry)
    {
        long received = 0;
        foreach (var group in telemetry.Groups)
        {
            received += group.Totals().Received;
        }

        return received;
    }

    private static DatasetPlan Dataset()
    {
        var dataset = new DatasetPlan { Id = 4001, Name = "alloc" };
        dataset.Elements.Add(new DatasetElementPlan { Name = "counter", Type = "UINT32" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "speed", Type = "REAL32" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "noise", Type = "INT16" });
        dataset.Elements.Add(new DatasetElementPlan { Name = "tag", Type = "CHAR8", ArraySize = 16 });
        return dataset;
    }
}
