using TrdpSim.Faults;
using TrdpSim.Faults.Md;

namespace TrdpSim.Tests.Faults.Md;

/// <summary>Attach helpers and statistical bounds shared by the MD fault tests.</summary>
internal static class MdFaultAssert
{
    public static FaultPlan Fault(FaultKind kind, string device, double probability = 1, string? telegram = null) => new()
    {
        Name = kind.ToString().ToLowerInvariant(),
        Kind = kind,
        Target = new FaultTarget { Device = device, Telegram = telegram },
        Probability = probability,
    };

    /// <summary>Attaches through the binder and fails the test with its errors when that does not work.</summary>
    public static InjectedFault Attach(MdFaultRig rig, FaultPlan fault)
    {
        var errors = new List<string>();
        var injected = MdFaultBinder.Attach(rig.Run.Outlets, rig.Wheel, fault, rig.Seed, errors);
        Assert.True(injected is not null, string.Join(Environment.NewLine, errors));
        Assert.Empty(errors);
        return injected!;
    }

    /// <summary>Asserts that <paramref name="hits"/> of <paramref name="trials"/> lies within five standard
    /// deviations of a binomial(<paramref name="trials"/>, <paramref name="p"/>) mean (a false alarm about
    /// once in 1.7 million runs; the streams are seeded anyway, so a pass is reproducible).</summary>
    public static void Binomial(long hits, long trials, double p)
    {
        var mean = trials * p;
        var band = 5 * Math.Sqrt(trials * p * (1 - p));
        Assert.True(Math.Abs(hits - mean) <= band, $"{hits} of {trials} struck, expected {mean:F0} ± {band:F0}");
    }
}
