using TrdpSim.Devices;
using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Tests.Devices;

/// <summary>The timeout sweep walks the subscriptions only once the earliest deadline has passed, and still finds
/// every timeout as soon as before.</summary>
public sealed class SweepTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void EachTimeoutIsFoundAtTheFirstSweepAfterItsDeadline()
    {
        var (dispatcher, subs) = Dispatcher((1, 100 * Ms), (2, 300 * Ms));
        dispatcher.Start(0);
        dispatcher.Sweep(1 * Ms); // the first sweep walks them and learns the earliest deadline (100 ms)
        for (var t = 2; t <= 100; t++)
        {
            dispatcher.Sweep(t * Ms);
        }

        Assert.Equal(0, subs[0].Counters.Timeouts);
        dispatcher.Sweep(101 * Ms);
        Assert.Equal(1, subs[0].Counters.Timeouts);
        Assert.Equal(0, subs[1].Counters.Timeouts);
        dispatcher.Sweep(301 * Ms);
        Assert.Equal(1, subs[1].Counters.Timeouts);
    }

    [Fact]
    public void ATimedOutSubscriptionThatReceivesAgainTimesOutOnItsOwnShortDeadline()
    {
        // The short one times out and then receives: its new deadline (10 ms on) comes long before the long one's.
        var (dispatcher, subs) = Dispatcher((1, 10 * Ms), (2, 1_000 * Ms));
        dispatcher.Start(0);
        dispatcher.Sweep(11 * Ms);
        Assert.Equal(1, subs[0].Counters.Timeouts);

        Deliver(dispatcher, comId: 1, sequence: 5, now: 500 * Ms);
        dispatcher.Sweep(505 * Ms);
        Assert.Equal(1, subs[0].Counters.Timeouts);
        dispatcher.Sweep(511 * Ms);
        Assert.Equal(2, subs[0].Counters.Timeouts); // found at the first sweep after 510 ms, not at 1 s
        Assert.Equal(0, subs[1].Counters.Timeouts);
    }

    private static (PdDispatcher, Subscription[]) Dispatcher(params (uint ComId, long Timeout)[] plan)
    {
        var telemetry = new RunTelemetry("sweep");
        var dispatcher = new PdDispatcher(telemetry, 0, 0, new WheelInbox(telemetry), 17224, answersPulls: false);
        var subs = new Subscription[plan.Length];
        for (var i = 0; i < plan.Length; i++)
        {
            var group = telemetry.AddGroup("B", "in-" + i, TelegramRole.Subscribe, plan[i].ComId);
            subs[i] = new Subscription("in-" + i, plan[i].ComId, group.AddInstance(), group, new SubscriptionFilter(0, 0, 0, 0), plan[i].Timeout, false, 0);
            dispatcher.Add(subs[i]);
        }

        return (dispatcher, subs);
    }

    private static void Deliver(PdDispatcher dispatcher, uint comId, uint sequence, long now)
    {
        var frame = new byte[PdFrame.MaxFrameSize];
        var header = new PdHeader { ProtocolVersion = PdFrame.CurrentProtocolVersion, MessageType = TrdpMessageType.Pd, ComId = comId, SequenceCounter = sequence };
        var length = PdFrame.Encode(frame, header, new byte[8]);
        dispatcher.Dispatch(frame.AsSpan(0, length), false, new Ip4Endpoint(0x7F000002, 17224), now);
    }
}
