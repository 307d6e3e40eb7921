using System.Text.Json;
using TrdpSim.Composition;
using TrdpSim.Events;
using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Tests.Composition;
using TrdpSim.Tests.Faults;
using TrdpSim.Thresholds;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Events;

/// <summary>The engine's hooks into the event stream, on the deterministic in-memory harness: subscriptions post
/// timeouts and (rate-limited) sequence gaps from their receive thread, the fault injector posts attach and
/// detach, and none of it allocates on the hot path.</summary>
public sealed class EventHookTests
{
    [Theory]
    [InlineData(30, 1)]
    [InlineData(1000, 0)]
    public void AGapOfTwentyFramesIsOneGapEventAndATimeoutWhenTheSilenceWasLongEnough(int timeoutMilliseconds, int timeouts)
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 10);
        plan.Devices[1].Subscriptions[0].Timeout = TimeSpan.FromMilliseconds(timeoutMilliseconds);
        using var h = new FaultHarness(plan);
        using var bus = Attach(h);
        h.RunFor(TimeSpan.FromMilliseconds(95));
        h.Inject(new FaultPlan { Name = "gap", Kind = FaultKind.Loss, Probability = 1, Target = new FaultTarget { Device = "A" }, Stop = TimeSpan.FromMilliseconds(200) });
        h.RunFor(TimeSpan.FromMilliseconds(905));

        var events = Published(bus);
        var gap = Assert.Single(events, e => e.Kind == RunEventKind.SequenceGap);
        Assert.Equal(20, gap.Count);
        Assert.Equal(1, gap.Value);
        Assert.Equal("B", gap.Device);
        Assert.Equal(timeouts, events.Count(e => e.Kind == RunEventKind.Timeout));
        var injected = Assert.Single(events, e => e.Kind == RunEventKind.FaultInjected);
        Assert.Equal(("gap", "loss", 1L), (injected.Subject, injected.Detail, injected.Count));
        var repaired = Assert.Single(events, e => e.Kind == RunEventKind.FaultRepaired);
        Assert.Equal(20, repaired.Count); // its strikes
    }

    [Fact]
    public void ALossyLinkPostsAtMostOneGapEventPerSubscriptionAndSecondFoldingTheRestIn()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 1, count: 10);
        plan.Devices[1].Subscriptions[0].Timeout = TimeSpan.FromSeconds(1);
        plan.Faults.Add(new FaultPlan { Name = "loss", Kind = FaultKind.Loss, Probability = 0.3 });
        using var h = new FaultHarness(plan);
        using var bus = Attach(h);
        h.RunFor(TimeSpan.FromMilliseconds(3500));

        var gaps = Published(bus).Where(e => e.Kind == RunEventKind.SequenceGap).ToList();
        var lost = h.Received.Lost;
        Assert.True(lost > 5000, $"only {lost} frames lost");
        // 10 subscriptions, 3.5 s: the first gap of each, then one a second (at 1, 2, 3 s after it).
        Assert.InRange(gaps.Count, 10, 40);
        Assert.True(gaps.Sum(g => g.Value) > gaps.Count, "held-back gaps are counted in the next event");
        Assert.InRange(gaps.Sum(g => g.Count), lost / 2, lost);
    }

    [Fact]
    public void GapsAndTimeoutsPostedFromTheReceivePathAllocateNothing()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 1, count: 100);
        plan.Devices[1].Subscriptions[0].Timeout = TimeSpan.FromMilliseconds(2);
        plan.Faults.Add(new FaultPlan { Name = "loss", Kind = FaultKind.Loss, Probability = 0.2 });
        using var h = new FaultHarness(plan);
        using var bus = Attach(h, postCapacity: 1 << 16);
        h.Step(3_000);
        var postsBefore = bus.Posts + bus.PostsDropped;
        var allocated = SteadyAllocation.Fewest(() => h.Step(20_000)); // 2 s of fake time per round
        Assert.True(bus.Posts + bus.PostsDropped - postsBefore > 100, "no events were posted in the measured rounds");
        Assert.True(allocated == 0, $"{allocated} bytes allocated with events posted from the receive path");
    }

    [Fact]
    public void EveryAppliedControlChangeIsARunControlEventWithItsActor()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        using var bus = new RunEventBus();
        h.Control.AddObserver(new ControlEventPoster(bus));
        var client = ControlScope.Http("console");
        Assert.True(h.Apply(h.Control.Pause(client)).IsApplied);
        Assert.True(h.Apply(h.Control.Resume(client)).IsApplied);
        Assert.True(h.Apply(h.Control.Pause(ControlScope.Http("other"))).IsApplied);

        var control = Published(bus).Where(e => e.Kind == RunEventKind.ControlAction).ToList();
        Assert.Equal(["pause", "resume", "pause"], control.Select(e => e.Detail));
        Assert.All(control, e => Assert.StartsWith("http:", e.Source, StringComparison.Ordinal));
        Assert.Equal(Enum.GetValues<ControlActionKind>().Length, Enum.GetValues<ControlActionKind>().Select(ControlEventPoster.ActionName).Distinct().Count());
    }

    [Fact]
    public void AThresholdThatBeginsToFailIsABreachAndOneThatHoldsAgainARecovery()
    {
        const long second = 1_000_000_000;
        var telemetry = new RunTelemetry("t");
        var counters = telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000).AddInstance();
        var clock = new ManualTimeSource(5 * second);
        // A whole-run ratio without a window is checked live and only decided at the end: it can recover.
        Assert.True(ThresholdSyntax.TryParse("pd_loss_ratio", "rate < 0.01", out ThresholdPlan threshold, out ThresholdSyntaxError error), error.Message);
        using var monitor = new ThresholdMonitor([threshold], telemetry, clock);
        using var bus = new RunEventBus(monotonicClock: clock.NowNanoseconds);
        monitor.Events = bus;
        monitor.Start();
        foreach (var (received, lost) in new[] { (100L, 0L), (100L, 10L), (200L, 10L), (5000L, 10L) })
        {
            (counters.Received, counters.Lost) = (received, lost);
            clock.Advance(second);
            monitor.EvaluateNow();
        }

        var verdicts = Published(bus);
        Assert.Equal([RunEventKind.ThresholdBreach, RunEventKind.ThresholdRecovery], verdicts.Select(e => e.Kind));
        Assert.Equal(threshold.Text, verdicts[0].Subject);
        Assert.Equal(10.0 / 110, verdicts[0].Value, 6);
    }

    private static RunEventBus Attach(FaultHarness h, int postCapacity = 4096)
    {
        var bus = new RunEventBus(new RunEventBusOptions { PostCapacity = postCapacity }, monotonicClock: () => h.Now);
        h.Run.Faults.Events = bus;
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

        return bus;
    }

    private static List<RunEvent> Published(RunEventBus bus)
    {
        using var all = bus.Subscribe(TopicFilter.All, 100_000, null, out _);
        bus.Flush();
        var events = new List<RunEvent>();
        while (all.Reader.TryRead(out var message))
        {
            events.Add(message.Event!.Value);
            using var json = JsonDocument.Parse(message.Json); // every event serialises
        }

        return events;
    }
}
