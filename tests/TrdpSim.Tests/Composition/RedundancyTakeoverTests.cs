using System.Text.Json;
using TrdpSim.Events;

namespace TrdpSim.Tests.Composition;

/// <summary>Redundancy groups take over on their own: a follower that stops hearing its leader (a silence fault,
/// the silence command) takes the lead after the takeover time; the lowest address wins; a returning leader
/// stays a follower; a command switchover or a pause is no silence; each switchover is an event with its cause.</summary>
public sealed class RedundancyTakeoverTests
{
    private static readonly ControlScope Client = ControlScope.Http("test");

    /// <summary>A (10.0.2.2, the plan's first member: it leads), A2 (10.0.2.4) and C (10.0.2.1, the lowest address,
    /// last in plan order) publish "out" (ComId 1000, 10 ms) in redundancy group 7; B subscribes from A and A2.</summary>
    private static RunPlan Group(TimeSpan? takeoverAfter = null, bool third = true)
    {
        RunPlan plan = ControlHarness.TwoDevices();
        PublicationPlan Member(DevicePlan device)
        {
            var publication = new PublicationPlan
            {
                Name = "out", ComId = 1000, PayloadLength = 12, Cycle = TimeSpan.FromMilliseconds(10),
                Destination = ControlHarness.SubscriberAddress, RedundancyGroup = 7, TakeoverAfter = takeoverAfter,
            };
            device.Publications.Add(publication);
            return publication;
        }

        plan.Devices[0].Publications[0].RedundancyGroup = 7;
        plan.Devices[0].Publications[0].TakeoverAfter = takeoverAfter;
        var a2 = new DevicePlan { Name = "A2", Address = 0x0A000204 };
        Member(a2);
        plan.Devices.Add(a2);
        if (third)
        {
            var c = new DevicePlan { Name = "C", Address = 0x0A000201 };
            Member(c);
            plan.Devices.Add(c);
        }

        plan.Devices[1].Subscriptions[0].Source = 0; // any source: B hears every member
        return plan;
    }

    private static FaultPlan Silence(string device) =>
        new() { Name = "dead", Kind = FaultKind.Silence, Target = new FaultTarget { Device = device } };

    private static long Sent(ControlHarness h, string device) =>
        h.Run.Telemetry.Groups.Where(g => g.Device == device && g.Role == TelegramRole.Publish).Sum(g => g.Totals().Sent);

    [Fact]
    public void ASilencedLeaderIsTakenOverByTheFollowerWithTheLowestAddressAndStaysFollowerWhenItReturns()
    {
        using var h = new ControlHarness(Group());
        var group = Assert.Single(h.Run.Redundancy);
        Assert.Equal(30_000_000, group.Figures.TakeoverAfterNanoseconds); // three 10 ms cycles by default
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.Equal("A", group.Leader);

        Assert.True(h.Apply(h.Control.Inject(Client, Silence("A"))).IsApplied);
        // The silence counts from A's last frame, at most one cycle before the fault: not yet after 15 ms.
        h.RunFor(TimeSpan.FromMilliseconds(15));
        Assert.Equal("A", group.Leader);
        h.RunFor(TimeSpan.FromMilliseconds(40));
        // C has the lowest address (A2 comes first in plan order): C leads, nobody else.
        Assert.Equal("C", group.Leader);
        Assert.Equal((0L, 1L), (group.Figures.Switchovers(SwitchoverCause.Command), group.Figures.Switchovers(SwitchoverCause.LeaderSilence)));
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(Sent(h, "C") >= 4);
        Assert.Equal(0, Sent(h, "A2"));

        // The old leader comes back as a follower: no flapping.
        Assert.True(h.Apply(h.Control.Repair(Client, "dead")).IsApplied);
        var sentByA = Sent(h, "A");
        h.RunFor(TimeSpan.FromMilliseconds(200));
        Assert.Equal(sentByA, Sent(h, "A"));
        Assert.Equal("C", group.Leader);
        Assert.Equal(1, group.Switchovers);
    }

    [Fact]
    public void TheSilenceCommandIsHeardAsSilenceAndASwitchedOffFollowerDoesNotTakeOver()
    {
        using var h = new ControlHarness(Group());
        var group = Assert.Single(h.Run.Redundancy);
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Apply(h.Control.SilenceDevice(Client, "C")).IsApplied);
        Assert.True(h.Apply(h.Control.SilenceDevice(Client, "A")).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(60));
        Assert.Equal("A2", group.Leader); // C is off: the next lowest address
        Assert.Equal(1, group.Figures.Switchovers(SwitchoverCause.LeaderSilence));
    }

    [Fact]
    public void ACommandSwitchoverAndAPauseAreNoSilenceAndInfiniteNeverTakesOver()
    {
        using var h = new ControlHarness(Group(third: false));
        var group = Assert.Single(h.Run.Redundancy);
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Apply(h.Control.SwitchLeader(Client, 7, "A2")).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        Assert.Equal("A2", group.Leader);
        Assert.Equal((1L, 0L), (group.Figures.Switchovers(SwitchoverCause.Command), group.Figures.Switchovers(SwitchoverCause.LeaderSilence)));

        Assert.True(h.Apply(h.Control.Pause(Client)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        Assert.True(h.Apply(h.Control.Resume(Client)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, group.Switchovers);

        using var off = new ControlHarness(Group(Timeout.InfiniteTimeSpan, third: false));
        var commandOnly = Assert.Single(off.Run.Redundancy);
        Assert.Equal(0, commandOnly.Figures.TakeoverAfterNanoseconds);
        off.RunFor(TimeSpan.FromMilliseconds(30));
        Assert.True(off.Apply(off.Control.Inject(Client, Silence("A"))).IsApplied);
        off.RunFor(TimeSpan.FromMilliseconds(300));
        Assert.Equal("A", commandOnly.Leader);
    }

    [Fact]
    public void EachSwitchoverIsAnEventWithItsCauseThePreviousLeaderAndTheGapOnTheWire()
    {
        using var h = new ControlHarness(Group(TimeSpan.FromMilliseconds(50), third: false));
        using var bus = new RunEventBus();
        var group = Assert.Single(h.Run.Redundancy);
        Assert.Equal(50_000_000, group.Figures.TakeoverAfterNanoseconds);
        group.Events = bus;
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Apply(h.Control.SwitchLeader(Client, 7, "A2")).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Apply(h.Control.Inject(Client, Silence("A2"))).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.Equal("A", group.Leader);

        using var all = bus.Subscribe(TopicFilter.All, 1000, null, out _);
        bus.Flush();
        var switchovers = new List<(RunEvent Event, JsonElement Json)>();
        while (all.Reader.TryRead(out var message))
        {
            if (message.Event is { Kind: RunEventKind.Switchover } e)
            {
                Assert.Equal("redundancy", message.Topic);
                switchovers.Add((e, JsonDocument.Parse(message.Json).RootElement.Clone()));
            }
        }

        Assert.Equal(2, switchovers.Count);
        Assert.Equal(("A2", "A", "command"), (switchovers[0].Event.Device, switchovers[0].Event.Text, switchovers[0].Event.Detail));
        Assert.Equal(("A", "A2", "leader-silence"), (switchovers[1].Event.Device, switchovers[1].Event.Text, switchovers[1].Event.Detail));
        Assert.Equal("redundancy group 7", switchovers[1].Json.GetProperty("group").GetString());
        Assert.Equal("leader-silence", switchovers[1].Json.GetProperty("cause").GetString());
        Assert.Equal(2, switchovers[1].Json.GetProperty("switchovers").GetInt64());
        Assert.True(switchovers[1].Json.GetProperty("gapNs").GetDouble() >= 0);
        Assert.Equal(2, group.Figures.Gap.Refresh().Count);
    }
}
