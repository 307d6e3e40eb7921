using System.Text;
using System.Text.Json;
using CsCheck;
using TrdpSim.Events;
using TrdpSim.Events.Internal;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Events;

/// <summary>The bus: posting never blocks or allocates, the pump numbers events in order, keeps a bounded history,
/// fans out by topic into bounded queues, and catch-up says when part of it is gone.</summary>
public sealed class RunEventBusTests
{
    private static readonly DateTimeOffset Epoch = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private long _now = 1_000_000_000;

    [Fact]
    public void EventsGetIdsInOrderAndReachTheSubscribersOfTheirTopic()
    {
        using var bus = Bus();
        using var faults = bus.Subscribe(TopicFilter.Of(["faults"]), 16, null, out _);
        using var everything = bus.Subscribe(TopicFilter.All, 16, null, out _);
        bus.Post(new RunEvent(RunEventKind.FaultInjected, _now, Subject: "door-loss", Detail: "loss", Count: 2));
        bus.Post(new RunEvent(RunEventKind.Timeout, _now, Device: "b", Telegram: "in", Count: 1));
        Assert.Equal(2, bus.Flush());

        var fault = Assert.Single(Drain(faults));
        Assert.Equal(1, fault.Id);
        Assert.Equal("faults", fault.Topic);
        Assert.Equal([1L, 2L], Drain(everything).Select(m => m.Id));
        using var json = JsonDocument.Parse(fault.Json);
        Assert.Equal("fault.injected", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("door-loss", json.RootElement.GetProperty("fault").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("targets").GetInt32());
        Assert.Equal("2025-06-01T12:00:00.000000Z", json.RootElement.GetProperty("ts").GetString());
    }

    [Fact]
    public void TimeIsTheMonotonicClockAnchoredToUtcAndSecondsSinceTheRunStart()
    {
        using var bus = Bus();
        bus.RunStartNanoseconds = _now;
        bus.Post(new RunEvent(RunEventKind.Timeout, _now + 1_500_000_000, Device: "b", Telegram: "in", Count: 1));
        bus.Flush();
        var client = bus.Subscribe(TopicFilter.All, 4, CatchUpRequest.AfterEvent(0), out var caughtUp);
        var sent = Assert.Single(caughtUp!.Messages);
        Assert.Equal(Epoch.UtcDateTime.AddSeconds(1.5), sent.Utc);
        using var json = JsonDocument.Parse(sent.Json);
        Assert.Equal(1.5, json.RootElement.GetProperty("t").GetDouble());
        Assert.Equal("2025-06-01T12:00:01.500000Z", json.RootElement.GetProperty("ts").GetString());
        client.Dispose();
    }

    [Fact]
    public void AFullPostingRingRefusesAndCounts()
    {
        using var bus = Bus(postCapacity: 4);
        for (var i = 0; i < 6; i++)
        {
            bus.Post(new RunEvent(RunEventKind.Timeout, _now, Count: i));
        }

        Assert.Equal(4, bus.Posts);
        Assert.Equal(2, bus.PostsDropped);
        Assert.Equal(4, bus.Flush());
    }

    [Fact]
    public void PostingAllocatesNothingWhetherTheRingTakesTheEventOrNot()
    {
        using var bus = Bus(postCapacity: 1024);
        var device = "b";
        var telegram = "in";
        var allocated = SteadyAllocation.Fewest(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                bus.Post(new RunEvent(RunEventKind.SequenceGap, _now, Device: device, Telegram: telegram, Count: 3, Value: 1));
            }
        });
        Assert.Equal(0, allocated);
        Assert.True(bus.PostsDropped > 0);
    }

    [Fact]
    public void ASlowSubscriberLosesMessagesItCountsAndTheOthersGetEverything()
    {
        using var bus = Bus();
        using var slow = bus.Subscribe(TopicFilter.All, 3, null, out _);
        using var fast = bus.Subscribe(TopicFilter.All, 100, null, out _);
        for (var i = 0; i < 10; i++)
        {
            bus.Post(new RunEvent(RunEventKind.Timeout, _now, Count: i));
        }

        bus.Flush();
        Assert.Equal(3, slow.Queued);
        Assert.Equal(7, slow.Dropped);
        Assert.Equal(10, Drain(fast).Count);
        Assert.Equal(0, fast.Dropped);
    }

    [Fact]
    public void CatchUpByIdReturnsTheKeptEventsAfterItOnTheWantedTopics()
    {
        using var bus = Bus();
        for (var i = 0; i < 6; i++)
        {
            bus.Post(new RunEvent(i % 2 == 0 ? RunEventKind.Timeout : RunEventKind.FaultRepaired, _now, Count: i));
        }

        bus.Flush();
        using var client = bus.Subscribe(TopicFilter.Of(["anomalies"]), 16, CatchUpRequest.AfterEvent(2), out var caughtUp);
        Assert.True(caughtUp!.Complete);
        Assert.Equal([3L, 5L], caughtUp.Messages.Select(m => m.Id));
        Assert.Equal(1, caughtUp.OldestId);
        Assert.Equal(6, caughtUp.NewestId);

        // Live events follow the catch-up without a gap or a repeat.
        bus.Post(new RunEvent(RunEventKind.Timeout, _now, Count: 7));
        bus.Flush();
        Assert.Equal([7L], Drain(client).Select(m => m.Id));
    }

    [Fact]
    public void CatchUpFromAnIdThisBusNeverGaveOutSendsEverythingKept()
    {
        // A page that followed run r1 of a daemon that restarted asks for the events after id 40; the new daemon's
        // r1 has given out 3 ids so far, all of them news to the page.
        using var bus = Bus();
        for (var i = 0; i < 3; i++)
        {
            bus.Post(new RunEvent(RunEventKind.Timeout, _now + i, Count: i));
        }

        bus.Flush();
        using var client = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.AfterEvent(40), out var caughtUp);
        Assert.True(caughtUp!.Complete);
        Assert.Equal([1L, 2L, 3L], caughtUp.Messages.Select(m => m.Id));

        using var current = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.AfterEvent(3), out var upToDate);
        Assert.Empty(upToDate!.Messages); // the newest id itself: nothing is missing
    }

    [Fact]
    public void CatchUpOlderThanTheHistorySaysHowManyAreGone()
    {
        using var bus = Bus(history: 4);
        for (var i = 0; i < 10; i++)
        {
            bus.Post(new RunEvent(RunEventKind.Timeout, _now + i, Count: i));
        }

        bus.Flush();
        using var client = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.AfterEvent(3), out var caughtUp);
        Assert.False(caughtUp!.Complete);
        Assert.Equal(3, caughtUp.Missed); // events 4, 5, 6 were pushed out
        Assert.Equal(7, caughtUp.OldestId);
        Assert.Equal([7L, 8L, 9L, 10L], caughtUp.Messages.Select(m => m.Id));
        Assert.Contains("older than the history", caughtUp.GapText(bus.HistoryCapacity), StringComparison.Ordinal);

        using var recent = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.AfterEvent(8), out var fine);
        Assert.True(fine!.Complete);
        Assert.Null(fine.GapText(bus.HistoryCapacity));
    }

    [Fact]
    public void TheHistoryKeepsNoMoreBytesThanItsBudgetAndSaysWhatItPushedOut()
    {
        // Nine events of one size fit the count, three the bytes: the oldest go first, and catch-up says so.
        long cost = EventJsonLength();
        using var bus = new RunEventBus(new RunEventBusOptions { HistoryCapacity = 10, HistoryBytes = 3 * cost + cost / 2 }, new FixedClock(Epoch), () => _now);
        for (var i = 0; i < 9; i++)
        {
            bus.Post(new RunEvent(RunEventKind.Timeout, _now + i, Count: 5));
        }

        bus.Flush();
        using var client = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.AfterEvent(0), out var caughtUp);
        Assert.Equal([7L, 8L, 9L], caughtUp!.Messages.Select(m => m.Id));
        Assert.Equal(6, caughtUp.Missed);
        Assert.False(caughtUp.Complete);
    }

    [Fact]
    public void AFullDefaultHistoryHoldsAtMostFourMebibytesAndNoMessageObject()
    {
        var history = new EventHistory(new RunEventBusOptions().HistoryCapacity, new RunEventBusOptions().HistoryBytes);
        var json = new byte[600]; // a large event: 16 384 of them would hold 9.8 MB
        var (firstMessage, firstJson) = AddFirst(history, json);
        for (var i = 2; i <= 40_000; i++)
        {
            history.Add(new StreamMessage(i, "events", "timeout", Epoch.UtcDateTime, i, json));
        }

        Assert.Equal(4L << 20, history.RingBytes);
        Assert.True(history.Bytes <= 4L << 20, $"{history.Bytes} bytes kept");
        Assert.Equal((4L << 20) / 600, history.Count);
        Assert.Equal(40_000, history.NewestId);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(firstMessage.IsAlive, "the history keeps a message object");
        Assert.False(firstJson.IsAlive, "the history keeps a message's own JSON array");
    }

    [Fact]
    public void AKeptEventIsACopyThatLeavesTheMessageAndItsJsonToTheCollector()
    {
        // The history is what made events live for a second or two, long enough to be copied by every young
        // collection: it must hold nothing of the message once Add returns, even while the event is kept.
        var history = new EventHistory(16, 1 << 16);
        var (message, json) = AddFirst(history, "{\"id\":1}"u8.ToArray());
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(message.IsAlive || json.IsAlive, "the history holds the message or its JSON");
        var kept = Assert.Single(history.After(CatchUpRequest.AfterEvent(0), _ => true).Messages);
        Assert.Equal("{\"id\":1}", Encoding.UTF8.GetString(kept.Json.Span));
        Assert.Null(kept.Event);
    }

    [Fact]
    public void AddingToAFullSizedHistoryAllocatesNothing()
    {
        var history = new EventHistory(4096, 1 << 20);
        var json = new byte[300];
        var message = new StreamMessage(1, "events", "timeout", Epoch.UtcDateTime, 1, json);
        for (var i = 0; i < 10_000; i++)
        {
            history.Add(message with { Id = i + 1 }); // warm: the ring grows to its budget
        }

        var messages = Enumerable.Range(10_001, 10_000).Select(i => message with { Id = i }).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var m in messages)
        {
            history.Add(m);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(20_000, history.NewestId);
    }

    [Fact]
    public void TheHistoryKeepsTheNewestEventsByteForByteWithinItsBoundsWhateverTheirSizes()
    {
        // Against a model: a list of every event added. Whatever the sizes (some larger than the whole ring), the
        // history keeps a suffix of that list — exactly the newest events that fit — byte for byte, within the
        // count and the bytes, and says how many older ones are gone.
        Gen.Select(Gen.Int[1, 40], Gen.Int[64, 4096], Gen.Int[1, 1500].Array[1, 400]).Sample((capacity, budget, lengths) =>
        {
            var history = new EventHistory(capacity, budget);
            var added = new List<byte[]>();
            foreach (var length in lengths)
            {
                var json = Enumerable.Range(0, length).Select(k => (byte)((added.Count * 7) + k)).ToArray();
                added.Add(json);
                history.Add(new StreamMessage(added.Count, "events", "timeout", Epoch.UtcDateTime.AddTicks(added.Count), added.Count, json));

                var result = history.After(CatchUpRequest.AfterEvent(0), _ => true);
                var kept = result.Messages;
                Assert.True(kept.Count <= capacity, $"{kept.Count} kept, capacity {capacity}");
                Assert.Equal(kept.Sum(m => (long)m.Json.Length), history.Bytes);
                Assert.True(history.Bytes <= budget, $"{history.Bytes} bytes kept, budget {budget}");
                var firstKept = kept.Count == 0 ? added.Count + 1 : kept[0].Id;
                Assert.Equal(Enumerable.Range((int)firstKept, kept.Count).Select(i => (long)i), kept.Select(m => m.Id));
                Assert.True(kept.Count == 0 || kept[^1].Id == added.Count, "the newest event is kept when it fits");
                Assert.Equal(kept.Count == 0, length > budget);
                Assert.All(kept, m => Assert.True(added[(int)m.Id - 1].AsSpan().SequenceEqual(m.Json.Span), $"event {m.Id} changed"));
                Assert.Equal(firstKept - 1, result.Missed);
                Assert.Equal(result.Missed == 0, result.Complete);
            }
        }, iter: 300);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Message, WeakReference Json) AddFirst(EventHistory history, byte[] json)
    {
        var own = json.ToArray();
        var message = new StreamMessage(1, "events", "timeout", Epoch.UtcDateTime, 1, own);
        history.Add(message);
        return (new WeakReference(message), new WeakReference(own));
    }

    private long EventJsonLength()
    {
        using var bus = Bus();
        bus.Post(new RunEvent(RunEventKind.Timeout, _now, Count: 5));
        bus.Flush();
        using var client = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.AfterEvent(0), out var caughtUp);
        return caughtUp!.Messages[0].Json.Length;
    }

    [Fact]
    public void CatchUpByTimestampTakesWhatCameLaterAndNoticesAGap()
    {
        using var bus = Bus(history: 4);
        for (var i = 0; i < 8; i++)
        {
            bus.Post(new RunEvent(RunEventKind.Timeout, _now + (i * 1_000_000_000L), Count: i)); // one a second
        }

        bus.Flush();
        using var recent = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.After(Epoch.UtcDateTime.AddSeconds(5.5)), out var late);
        Assert.True(late!.Complete);
        Assert.Equal([7L, 8L], late.Messages.Select(m => m.Id));

        using var old = bus.Subscribe(TopicFilter.All, 16, CatchUpRequest.After(Epoch.UtcDateTime.AddSeconds(0.5)), out var early);
        Assert.False(early!.Complete);
        Assert.Equal([5L, 6L, 7L, 8L], early.Messages.Select(m => m.Id));
    }

    [Fact]
    public void AddingTopicsCatchesUpOnlyOnTheNewOnes()
    {
        using var bus = Bus();
        using var client = bus.Subscribe(TopicFilter.Of(["anomalies"]), 16, null, out _);
        bus.Post(new RunEvent(RunEventKind.Timeout, _now, Count: 1));
        bus.Post(new RunEvent(RunEventKind.FaultInjected, _now, Subject: "f"));
        bus.Flush();
        Assert.Single(Drain(client));

        var caughtUp = bus.ChangeFilter(client, client.Filter.With(["faults"]), CatchUpRequest.AfterEvent(0));
        var only = Assert.Single(caughtUp!.Messages);
        Assert.Equal("faults", only.Topic);
    }

    [Fact]
    public void SamplesReachOnlyTheirSubscribersAndAreNotKept()
    {
        using var bus = Bus();
        using var stats = bus.Subscribe(TopicFilter.Of(["run.*"]), 4, null, out _);
        using var other = bus.Subscribe(TopicFilter.Of(["pd.*"]), 4, null, out _);
        Assert.True(bus.AnyWants("run.stats"));
        Assert.False(bus.AnyWants("md.a.b"));
        bus.Publish(new StreamMessage(0, "run.stats", "sample", Epoch.UtcDateTime, _now, "{}"u8.ToArray()));
        Assert.Single(Drain(stats));
        Assert.Empty(Drain(other));
        Assert.Equal(0, bus.NewestId);
    }

    [Fact]
    public void TheEventKindsHaveOneNameAndOneTopicEach()
    {
        var kinds = Enum.GetValues<RunEventKind>();
        Assert.Equal(kinds.Length, RunEventKinds.Count);
        Assert.Equal(kinds.Length, kinds.Select(RunEventKinds.Name).Distinct().Count());
        Assert.All(kinds, k => Assert.Null(TopicFilter.Check(EventTopics.Of(k))));
    }

    [Fact]
    public void ThePumpWritesAnEventsJsonWithoutObjectsBesideTheMessage()
    {
        // Every collection stops the timing wheel too: at 10,000 ingested events per second the pump's buffer,
        // writer, timestamp string and copy per event made collections the streams' main cost to the sends.
        using var bus = Bus(postCapacity: 4096, history: 4096);
        using var subscriber = bus.Subscribe(TopicFilter.All, 4096, null, out _);
        for (var i = 0; i < 5; i++)
        {
            PostIngested(bus, 1000);
            bus.Flush(); // warm: the history's ring grows to its size while the count fills, the batch list, the first slab
            Drain(subscriber);
        }

        PostIngested(bus, 1000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(1000, bus.Flush());
        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;

        var messages = Drain(subscriber);
        var jsonBytes = messages.Average(m => m.Json.Length);
        using var json = JsonDocument.Parse(messages[^1].Json);
        Assert.Equal("load", json.RootElement.GetProperty("name").GetString());
        // The message object (about 200 B) and its JSON's share of a slab; before: five more objects, ~1 KB.
        Assert.True(perEvent < jsonBytes + 300, $"{perEvent:0} B allocated per event for {jsonBytes:0} B of JSON");
    }

    [Fact]
    public void MessagesCutFromOneSlabKeepTheirOwnBytes()
    {
        using var bus = Bus(postCapacity: 4096, history: 4096);
        using var subscriber = bus.Subscribe(TopicFilter.All, 4096, null, out _);
        PostIngested(bus, 2000); // more than one slab's worth
        bus.Flush();

        var values = Drain(subscriber).Select(ValueOf).ToList();
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (double)i), values);
    }

    [Fact]
    public void ThePumpThreadYieldsToTheWheel()
    {
        using var bus = new RunEventBus(new RunEventBusOptions { PumpNice = 19 }, new FixedClock(Epoch), () => _now);
        bus.Start();
        var nice = ThreadNiceness.Of("trdpsim-events");
        // 19, or more: a test run under nice 19 already starts every thread there (the pump never lowers it).
        Assert.True(nice >= 19, $"pump thread at nice {nice}");
    }

    private static double ValueOf(StreamMessage message)
    {
        using var json = JsonDocument.Parse(message.Json);
        return json.RootElement.GetProperty("value").GetDouble();
    }

    private void PostIngested(RunEventBus bus, int count)
    {
        for (var i = 0; i < count; i++)
        {
            bus.Post(new RunEvent(RunEventKind.Ingested, _now, Source: "bench", Subject: "load", Detail: "value", Value: i));
        }
    }

    private RunEventBus Bus(int postCapacity = 1024, int history = 1024) =>
        new(new RunEventBusOptions { PostCapacity = postCapacity, HistoryCapacity = history }, new FixedClock(Epoch), () => _now);

    private static List<StreamMessage> Drain(EventSubscription subscription)
    {
        var list = new List<StreamMessage>();
        while (subscription.Reader.TryRead(out var message))
        {
            list.Add(message);
        }

        return list;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
