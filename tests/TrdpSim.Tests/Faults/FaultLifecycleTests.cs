using TrdpSim.Composition;
using TrdpSim.Devices;
using TrdpSim.Faults;
using TrdpSim.Faults.Internal;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using Xunit;

namespace TrdpSim.Tests.Faults;

/// <summary>Start, ramp, stop, settle and repair: the intensity over time and what repair leaves behind.</summary>
public sealed class FaultLifecycleTests
{
    [Fact]
    public void RampUpEasesIntensityLinearlyFromStart()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(10));
        var fault = h.Inject(new FaultPlan
        {
            Name = "ramp", Kind = FaultKind.Loss, Start = TimeSpan.FromMilliseconds(100), RampUp = TimeSpan.FromSeconds(1), Intensity = 0.8,
        });
        Assert.Equal(0, fault.Intensity);
        h.RunFor(TimeSpan.FromMilliseconds(90));
        Assert.Equal(0, fault.Intensity);
        h.RunFor(TimeSpan.FromMilliseconds(510)); // 500 ms into the ramp
        Assert.InRange(fault.Intensity, 0.39, 0.41);
        h.RunFor(TimeSpan.FromMilliseconds(600));
        Assert.Equal(0.8, fault.Intensity);
    }

    [Fact]
    public void RampedLossStrikesInProportionToIntensity()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(1));
        var fault = h.Inject(new FaultPlan { Name = "ramp", Kind = FaultKind.Loss, RampUp = TimeSpan.FromSeconds(10) });
        h.RunFor(TimeSpan.FromSeconds(10));
        // Mean intensity over a linear ramp is 0.5.
        Assert.InRange(fault.Strikes, 4_600, 5_400);
    }

    [Fact]
    public void StopDetachesAndLeavesNoChain()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(10));
        var fault = h.Inject(new FaultPlan { Name = "s", Kind = FaultKind.Silence, Stop = TimeSpan.FromMilliseconds(300) });
        Assert.NotNull(h.Publication().Outlet.Stage);
        h.RunFor(TimeSpan.FromMilliseconds(400));
        Assert.False(fault.Attached);
        Assert.Empty(h.Faults.Active);
        Assert.Null(h.Publication().Outlet.Stage);
        Assert.InRange(h.Sent.Sent, 9, 11);
    }

    [Fact]
    public void SettleEasesToZeroThenDetaches()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(10));
        var fault = h.Inject(new FaultPlan { Name = "l", Kind = FaultKind.Loss, Probability = 0.5 });
        h.RunFor(TimeSpan.FromMilliseconds(100));
        h.Faults.Settle(fault, h.Now, 1_000_000_000);
        h.RunFor(TimeSpan.FromMilliseconds(250));
        Assert.InRange(fault.Intensity, 0.74, 0.76);
        Assert.True(fault.Attached);
        h.RunFor(TimeSpan.FromMilliseconds(800));
        Assert.False(fault.Attached);
        Assert.Empty(h.Faults.Active);
    }

    [Fact]
    public void SettleWithZeroDurationDetachesAtOnce()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(10));
        var fault = h.Inject(new FaultPlan { Name = "l", Kind = FaultKind.Loss });
        h.Faults.Settle(fault, h.Now, 0);
        Assert.False(fault.Attached);
        Assert.Null(h.Publication().Outlet.Stage);
    }

    [Fact]
    public void RepairRestoresTheTelegramExactly()
    {
        var faulty = FaultHarness.TwoDevices(1, payloadLength: 23);
        using var reference = new FaultHarness(FaultHarness.TwoDevices(1, payloadLength: 23));
        using var h = new FaultHarness(faulty);
        FaultKind[] kinds =
        [
            FaultKind.TopoChange, FaultKind.Malform, FaultKind.BitFlip, FaultKind.CorruptFcs, FaultKind.Loss, FaultKind.Duplicate,
            FaultKind.Delay, FaultKind.Reorder, FaultKind.SequenceFault,
        ];
        h.RunFor(TimeSpan.FromMilliseconds(50));
        var faults = new List<InjectedFault>();
        foreach (var kind in kinds)
        {
            faults.Add(h.Inject(new FaultPlan
            {
                Name = kind.ToString(), Kind = kind, Probability = 0.5, EtbTopoCount = 9, OpTrainTopoCount = 4, Delay = "constant:3ms",
                SequenceMode = SequenceFaultMode.Freeze,
                // A delayed frame skips the reorder stage: stop the delay half-way so both strike.
                Stop = kind == FaultKind.Delay ? TimeSpan.FromMilliseconds(100) : null,
            }));
        }

        h.RunFor(TimeSpan.FromMilliseconds(200));
        Assert.All(faults, f => Assert.True(f.Strikes > 0, f.Name));
        Assert.Equal(kinds.Length - 1, h.Faults.Active.Count);
        h.Faults.RepairAll();
        Assert.Empty(h.Faults.Active);
        Assert.Null(h.Publication().Outlet.Stage);

        // Same cycles on both: the frame (counter, topography, FCS, payload) must be byte-identical.
        h.RunFor(TimeSpan.FromMilliseconds(100));
        reference.RunFor(TimeSpan.FromMilliseconds(350));
        Assert.Equal(reference.Publication().Frame.AsSpan(0, reference.Publication().FrameLength).ToArray(),
            h.Publication().Frame.AsSpan(0, h.Publication().FrameLength).ToArray());
        Assert.Equal(0, h.Faults.Copies.Outstanding);
    }

    [Fact]
    public void RepairByNameLeavesOtherFaults()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(10));
        h.Inject(new FaultPlan { Name = "a", Kind = FaultKind.Loss, Probability = 0.1 });
        h.Inject(new FaultPlan { Name = "b", Kind = FaultKind.Duplicate, Probability = 0.1 });
        Assert.True(h.Faults.Repair("a"));
        Assert.False(h.Faults.Repair("a"));
        Assert.Equal("b", Assert.Single(h.Faults.Active).Name);
        Assert.Equal(1, ((FaultChain)h.Publication().Outlet.Stage!).Count);
    }

    [Fact]
    public void TargetsMatchInstancesComIdsAndEveryDevice()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(10, count: 4));
        Assert.Equal(4, h.Inject(new FaultPlan { Name = "all", Kind = FaultKind.Loss, Target = new FaultTarget { Device = "*" } }).TargetCount);
        Assert.Equal(4, h.Inject(new FaultPlan { Name = "plan", Kind = FaultKind.Loss, Target = new FaultTarget { Device = "A", Telegram = "out" } }).TargetCount);
        Assert.Equal(1, h.Inject(new FaultPlan { Name = "one", Kind = FaultKind.Loss, Target = new FaultTarget { Telegram = "out#2" } }).TargetCount);
        var byComId = h.Inject(new FaultPlan { Name = "com", Kind = FaultKind.Loss, Target = new FaultTarget { ComId = 1003 } });
        Assert.Equal(1, byComId.TargetCount);
    }

    [Fact]
    public void UnmatchedTargetOrBadParameterIsAFaultExceptionNamingTheFault()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(10));
        var origin = new SourceLocation("s.toml", 12, 3);
        var none = Assert.Throws<FaultException>(() => h.Inject(new FaultPlan
        {
            Name = "ghost", Kind = FaultKind.Loss, Target = new FaultTarget { Device = "A", Telegram = "nope" }, Origin = origin,
        }));
        Assert.Equal("s.toml:12:3: fault 'ghost': no published telegram matches A/nope", none.Message);
        var bad = Assert.Throws<FaultException>(() => h.Inject(new FaultPlan { Name = "p", Kind = FaultKind.Loss, Probability = 1.5 }));
        Assert.Contains("'probability' must be between 0 and 1, got 1.5", bad.Message, StringComparison.Ordinal);
        h.Inject(new FaultPlan { Name = "twice", Kind = FaultKind.Loss });
        Assert.Throws<FaultException>(() => h.Inject(new FaultPlan { Name = "twice", Kind = FaultKind.Silence }));
        Assert.Equal("loss-1", h.Inject(new FaultPlan { Kind = FaultKind.Loss }).Name);
    }

    [Fact]
    public void PlanFaultsAreValidatedAtCompileTimeWithTheirPosition()
    {
        var plan = FaultHarness.TwoDevices(10);
        plan.Faults.Add(new FaultPlan { Name = "x", Kind = FaultKind.Loss, Target = new FaultTarget { Device = "Z" }, Origin = new SourceLocation("p.toml", 7, 1) });
        plan.Faults.Add(new FaultPlan { Name = "y", Kind = FaultKind.Reorder, Depth = 0, Origin = new SourceLocation("p.toml", 9, 1) });
        var errors = PlanValidator.Validate(plan);
        Assert.Equal(2, errors.Count);
        Assert.Equal("p.toml:7:1", errors[0].Location.ToString());
        Assert.Contains("no device called 'Z'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'depth' must be between 1 and 1000, got 0", errors[1].Message, StringComparison.Ordinal);
        plan.Network.Transport = TransportKind.InMemory;
        Assert.Throws<PlanException>(() => RunHost.Create(plan));
    }
}
