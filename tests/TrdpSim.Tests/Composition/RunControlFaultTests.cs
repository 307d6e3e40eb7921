namespace TrdpSim.Tests.Composition;

/// <summary><see cref="RunControl"/>: faults injected, listed and repaired; counters.</summary>
public sealed class RunControlFaultTests
{
    private static readonly ControlScope Client = ControlScope.Http("test");

    private static FaultPlan Loss(string name = "", string device = "A") =>
        new() { Name = name, Kind = FaultKind.Loss, Target = new FaultTarget { Device = device }, Probability = 1 };

    [Fact]
    public async Task AnInjectedFaultStrikesIsListedAndIsRepaired()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(30));
        var injected = h.Apply(h.Control.Inject(Client, Loss()));
        Assert.True(injected.IsApplied, injected.Message);
        Assert.Equal("loss-1", injected.Subject); // unnamed: the run names it, the answer says how
        h.RunFor(TimeSpan.FromMilliseconds(50));

        var list = h.Control.ListFaults();
        h.Step();
        var status = Assert.Single((await list).Value!);
        Assert.Equal(("loss-1", "loss", "A", 1.0), (status.Name, status.Kind, status.Target, status.Intensity));
        Assert.InRange(status.Strikes, 4, 6);
        Assert.Equal(status.Strikes, h.Control.Counters("out").Value.Struck);

        Assert.True(h.Apply(h.Control.Repair(Client, "loss-1")).IsApplied);
        var again = h.Apply(h.Control.Repair(Client, "loss-1"));
        Assert.Equal(ControlOutcome.Conflict, again.Outcome);
        Assert.Equal("no active fault called 'loss-1'", again.Message);
        var empty = h.Control.ListFaults();
        h.Step();
        Assert.Empty((await empty).Value!);
    }

    [Fact]
    public void ANameAlreadyActiveIsAConflict()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        Assert.True(h.Apply(h.Control.Inject(Client, Loss("cut"))).IsApplied);
        var second = h.Apply(h.Control.Inject(Client, Loss("cut")));
        Assert.Equal(ControlOutcome.Conflict, second.Outcome);
        Assert.Contains("already active", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadParametersAndTargetsAreRefusedAtTheCall()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var bad = Loss();
        bad.Probability = 3;
        var invalid = h.Control.Inject(Client, bad).Refusal!.Value;
        Assert.Equal(ControlOutcome.Invalid, invalid.Outcome);
        Assert.Contains("probability", invalid.Message, StringComparison.Ordinal);

        var nowhere = h.Control.Inject(Client, Loss(device: "Z")).Refusal!.Value;
        Assert.Equal(ControlOutcome.NotFound, nowhere.Outcome);
        Assert.Equal("no device called 'Z'", nowhere.Message);
        Assert.Equal(ControlOutcome.Invalid, h.Control.Repair(Client, string.Empty).Refusal!.Value.Outcome);
        Assert.Equal(0, h.Queued);
    }

    [Fact]
    public void CountersAreASnapshotOfEveryInstanceWithTheNewerCounters()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices(count: 2));
        h.RunFor(TimeSpan.FromMilliseconds(50));
        var sent = h.Control.Counters("out", "A");
        Assert.True(sent.IsApplied);
        Assert.Equal(h.Sent.Sent, sent.Value.Sent);
        Assert.Equal(10, sent.Value.Sent);
        Assert.Equal(0, sent.Value.Struck);
        Assert.Equal(10, h.Control.Counters("in").Value.Received);
        Assert.False(h.Control.Counters("in").Value.TimedOut);

        Assert.Equal("no telegram named 'out' on device 'B'", h.Control.Counters("out", "B").Message);
        Assert.Equal(ControlOutcome.NotFound, h.Control.Counters("nope").Outcome);
    }
}
