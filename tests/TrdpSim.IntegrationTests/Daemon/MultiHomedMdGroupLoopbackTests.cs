using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Telemetry;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>A multi-homed replier on loopback aliases (127.0.96.3 and 127.0.97.3) joins its listeners' group
/// (239.96.97.5) on both interfaces: the kernel hands each multicast datagram to both group sockets, and the device
/// still takes each request and notification once, answers each request once, and counts the other interface's
/// copy as redundant (configs/README.md, "Multi-homing").</summary>
public sealed class MultiHomedMdGroupLoopbackTests
{
    [Fact]
    public async Task AGroupRequestHeardOnBothInterfacesIsAnsweredOnceAndCountedOnce()
    {
        RunPlan plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300), out _, out _);
        const uint caller = 0x7F006002, replier = 0x7F006003, second = 0x7F006103; // 127.0.96.2, 127.0.96.3, 127.0.97.3
        const uint group = 0xEF606105; // 239.96.97.5
        plan.Network.MdPort = (ushort)(plan.Network.PdPort + 1);
        plan.Devices.Clear();
        var a = new DevicePlan { Name = "A", Address = caller };
        a.MdCallers.Add(new MdCallerPlan
        {
            Name = "ask", ComId = 9700, Destination = group, Rate = 50, Count = 20, PayloadLength = 4, ReplyTimeout = TimeSpan.FromSeconds(1),
        });
        a.MdCallers.Add(new MdCallerPlan { Name = "note", ComId = 9701, Kind = MdCallKind.Notify, Destination = group, Rate = 50, Count = 20, PayloadLength = 4 });
        var b = new DevicePlan { Name = "B", Address = replier };
        b.Interfaces.AddRange([replier, second]);
        b.MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 9700, Group = group, PayloadLength = 4 });
        b.MdRepliers.Add(new MdReplierPlan { Name = "note-in", ComId = 9701, Group = group });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        MdCounters ask = host.Telemetry.MdGroups.Single(g => g.Device == "A" && g.Name == "ask").Counters;
        MdCounters answer = host.Telemetry.MdGroups.Single(g => g.Device == "B" && g.Name == "answer").Counters;
        MdCounters notes = host.Telemetry.MdGroups.Single(g => g.Device == "B" && g.Name == "note-in").Counters;
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref ask.Ok) + Volatile.Read(ref ask.Timeouts) >= 20 && Volatile.Read(ref answer.Redundant) >= 20
            && Volatile.Read(ref notes.Redundant) >= 20, 20_000),
            $"ok {ask.Ok}, timeouts {ask.Timeouts}, redundant requests {answer.Redundant}, redundant notifications {notes.Redundant}");
        await host.StopAsync();

        // Each datagram reached both group sockets: one request, one reply, one redundant copy.
        Assert.Equal((20L, 20L, 20L, 0L), (answer.Requests, answer.Replies, answer.Redundant, answer.Duplicates));
        Assert.Equal((20L, 20L), (notes.Notifications, notes.Redundant));
        Assert.Equal((20L, 0L), (ask.Ok, ask.Timeouts));
        Assert.Equal(0, Volatile.Read(ref host.Telemetry.MdUnmatched)); // no second reply reached the caller
    }
}
