using TrdpSim.Plan.Validation;
using TrdpSim.Events;

namespace TrdpSim.Tests.Composition;

/// <summary>Multi-homing on the in-memory network: a device with two interfaces sends every telegram from both
/// addresses; the subscriber keeps the first copy of each counter (the other is redundant, not a duplicate), counts
/// per path, and sees a path fail (a fault scoped to one interface) without losing the telegram.</summary>
public sealed class MultiHomingTests
{
    private const uint SecondInterface = 0x0A000212;
    private const uint SecondSubscriberInterface = ControlHarness.SecondSubscriberInterface;
    private static readonly ControlScope Client = ControlScope.Http("test");

    private static RunPlan Plan()
    {
        RunPlan plan = ControlHarness.TwoDevices();
        plan.Devices[0].Interfaces.AddRange([ControlHarness.PublisherAddress, SecondInterface]);
        return plan;
    }

    private static FaultPlan OnInterface(FaultKind kind, string face) =>
        new() { Name = "cut-" + face, Kind = kind, Target = new FaultTarget { Device = "A", Interface = face }, Probability = 1 };

    [Fact]
    public void BothPathsDeliverEachCounterOnceAndTheSecondCopyIsRedundant()
    {
        using var h = new ControlHarness(Plan());
        h.RunFor(TimeSpan.FromMilliseconds(200));
        var received = h.Received;
        var sent = h.Sent.Sent;
        Assert.InRange(sent, 36, 42); // ~20 cycles on each of two interfaces
        Assert.InRange(received.Received, 18, 21); // each counter once
        Assert.Equal((0L, 0L, 0L), (received.Duplicates, received.OutOfOrder, received.Lost));
        var paths = h.Group("in").Paths!;
        Assert.Equal(["a", "b"], paths.Select(p => p.Name));
        Assert.All(paths, p => Assert.InRange(p.Received, 18, 21));
        Assert.Equal(paths[0].Received + paths[1].Received - received.Received, paths[0].Redundant + paths[1].Redundant);
        Assert.All(paths, p => Assert.Equal(0, p.Lost));
    }

    [Fact]
    public void AFaultOnOneInterfaceIsPathLossAndADownPathWhileTheTelegramGoesOn()
    {
        using var h = new ControlHarness(Plan());
        using var bus = new RunEventBus();
        foreach (var device in h.Run.Devices)
        {
            foreach (var (_, dispatcher) in device.Receivers)
            {
                foreach (var subscription in dispatcher.Subscriptions)
                {
                    subscription.Events = bus;
                }
            }
        }

        h.RunFor(TimeSpan.FromMilliseconds(100));
        var injected = h.Apply(h.Control.Inject(Client, OnInterface(FaultKind.Loss, "b")));
        Assert.True(injected.IsApplied, injected.Message);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        var paths = h.Group("in").Paths!;
        Assert.Equal((1L, 1L), (paths[1].Down, paths[1].IsDown));
        Assert.Equal(0, paths[0].IsDown);
        Assert.Equal((0L, 0L), (h.Received.Lost, h.Received.Timeouts)); // path a carried every counter

        Assert.True(h.Apply(h.Control.Repair(Client, "cut-b")).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, paths[1].IsDown);
        Assert.InRange(paths[1].Lost, 18, 22); // the counters path b skipped while it was cut
        Assert.Equal(0, paths[0].Lost);
        Assert.Equal((0L, 0L), (h.Received.Duplicates, h.Received.Lost));

        using var all = bus.Subscribe(TopicFilter.All, 1000, null, out _);
        bus.Flush();
        var kinds = new List<(RunEventKind, string?)>();
        while (all.Reader.TryRead(out var message))
        {
            if (message.Event is { Kind: RunEventKind.PathDown or RunEventKind.PathUp } e)
            {
                kinds.Add((e.Kind, e.Subject));
            }
        }

        Assert.Equal([(RunEventKind.PathDown, "b"), (RunEventKind.PathUp, "b")], kinds);
    }

    [Fact]
    public void AMultiHomedSubscriberReceivesOnItsSecondInterfaceAndCountsThatInterfaceAsThePath()
    {
        RunPlan plan = ControlHarness.TwoDevices();
        plan.Devices[1].Interfaces.AddRange([ControlHarness.SubscriberAddress, SecondSubscriberInterface]);
        plan.Devices[0].Publications[0].Destination = SecondSubscriberInterface; // A knows B only by its second address
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        var received = h.Received;
        Assert.InRange(received.Received, 18, 21);
        Assert.Equal((0L, 0L, 0L), (received.Duplicates, received.Lost, received.Timeouts));
        var paths = h.Group("in").Paths!;
        Assert.Equal(["a", "b"], paths.Select(p => p.Name));
        Assert.Equal(0, paths[0].Received);
        Assert.Equal(received.Received, paths[1].Received);
        var b = h.Run.Devices[1].Receivers;
        Assert.Equal([0, 1], b.Select(r => r.Face));
        Assert.Equal(SecondSubscriberInterface, b[1].Endpoint.LocalEndpoint.Address);
    }

    [Fact]
    public void AMultiHomedSubscriberJoinsItsGroupOnEveryInterfaceAndCountsEachInterfaceAsAPath()
    {
        const uint group = 0xEF5C5D01; // 239.92.93.1
        RunPlan plan = ControlHarness.GroupToTwoInterfaceSubscriber(group);
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        var received = h.Received;
        Assert.InRange(received.Received, 18, 21);
        Assert.Equal((0L, 0L, 0L), (received.Duplicates, received.OutOfOrder, received.Lost));
        var paths = h.Group("in").Paths;
        Assert.NotNull(paths);
        Assert.Equal(["a", "b"], paths.Select(p => p.Name));
        // Each interface's group socket hears every cycle; the later copy of each counter is redundant.
        Assert.All(paths, p => Assert.InRange(p.Received, 18, 21));
        Assert.Equal(paths[0].Received + paths[1].Received - received.Received, paths[0].Redundant + paths[1].Redundant);
        var b = h.Run.Devices[1];
        Assert.Equal([0, 1], b.Receivers.Where(r => r.Dispatcher == b.Multicast).Select(r => r.Face));
    }

    [Fact]
    public void BothEndsMultiHomedCountEachSourceAndArrivalPairAndFirstArrivalStillWins()
    {
        RunPlan plan = Plan();
        plan.Devices[1].Interfaces.AddRange([ControlHarness.SubscriberAddress, SecondSubscriberInterface]);
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        var received = h.Received;
        Assert.InRange(received.Received, 18, 21);
        Assert.Equal((0L, 0L, 0L), (received.Duplicates, received.OutOfOrder, received.Lost));
        var paths = h.Group("in").Paths!;
        Assert.Equal(["a>a", "a>b", "b>a", "b>b"], paths.Select(p => p.Name));
        // Both copies go to B's first address: pairs a>a and b>a; the later copy of each counter is redundant.
        Assert.Equal((0L, 0L), (paths[1].Received, paths[3].Received));
        Assert.InRange(paths[0].Received, 18, 21);
        Assert.InRange(paths[2].Received, 18, 21);
        Assert.Equal(paths[0].Received + paths[2].Received - received.Received, paths.Sum(p => p.Redundant));
    }

    [Fact]
    public void ASubscriptionOfAnySourceCountsNoPathsAndSeesEachInterfaceAsItsOwnSender()
    {
        // TCNopen tracks sequence counters per source address (trdp-wire.md §7.2): to a subscriber that names no
        // source, the copies from two addresses are two senders, each received in order.
        RunPlan plan = Plan();
        plan.Devices[1].Subscriptions[0].Source = 0;
        using var h = new ControlHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        var received = h.Received;
        Assert.Null(h.Group("in").Paths);
        Assert.Equal(h.Sent.Sent, received.Received);
        Assert.Equal((0L, 0L, 0L), (received.Duplicates, received.OutOfOrder, received.Lost));
    }

    [Fact]
    public void AFaultScopedToAnInterfaceTheDeviceLacksIsRefused()
    {
        RunPlan plan = ControlHarness.TwoDevices();
        plan.Faults.Add(OnInterface(FaultKind.Silence, "b"));
        var error = Assert.Single(PlanValidator.Validate(plan));
        Assert.Contains("no published telegram matches A interface b", error.Message, StringComparison.Ordinal);
    }
}
