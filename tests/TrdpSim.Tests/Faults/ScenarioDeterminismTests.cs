using System.IO.Hashing;
using TrdpSim.Plan;
using TrdpSim.Scenarios;
using Xunit;

namespace TrdpSim.Tests.Faults;

/// <summary>Issue 4, point 8, from a JavaScript scenario: the same scenario and seed give the identical
/// frames on the in-memory transport (random payload fields and faults included); another seed does not.</summary>
public sealed class ScenarioDeterminismTests
{
    private const string Scenario = """
        export default function (plan) {
          plan.seed(plan.param("seed", { type: "number", default: 1 }));
          plan.network({ transport: "in-memory" });
          plan.dataset({ id: 1007, elements: [{ name: "temp", type: "INT16" }, { name: "noise", type: "UINT32" }] });
          const a = plan.device({ name: "a", address: "10.0.0.1" });
          plan.device({ name: "b", address: "10.0.0.2" }).subscribe({ name: "in", comId: 1000, count: 3 });
          a.publish({ name: "out", comId: 1000, count: 3, dataset: 1007, cycle: "2ms", destination: "10.0.0.2",
            fields: [{ field: "temp", kind: "random", min: -40, max: 85 }, { field: "noise", kind: "random", min: 0, max: 1e9 }] });
          plan.fault({ name: "bursts", kind: "burst-loss", goodToBad: 0.05, badToGood: 0.3 });
          plan.fault({ name: "jitter", kind: "delay", delay: "lognormal:median=2ms,p99=6ms", start: "100ms" });
          plan.fault({ name: "flips", kind: "bit-flip", probability: 0.1, bits: 3 });
        }
        """;

    [Fact]
    public void SameScenarioAndSeedSameFrames()
    {
        var first = Hash(seed: "11");
        var again = Hash(seed: "11");
        var other = Hash(seed: "12");
        Assert.Equal(first, again);
        Assert.NotEqual(first.Hash, other.Hash);
        Assert.True(first.Frames > 2_000, $"{first.Frames} frames");
    }

    private static (ulong Hash, long Frames) Hash(string seed)
    {
        var result = ScenarioLoader.Load(Scenario, "determinism.js", new Dictionary<string, string> { ["seed"] = seed });
        Assert.True(result.Success, result.FormatErrors());
        var hash = new XxHash64();
        long frames = 0;
        using var harness = new FaultHarness(result.Plan!, (source, destination, payload) =>
        {
            Span<byte> route = stackalloc byte[8];
            BitConverter.TryWriteBytes(route, source.Address);
            BitConverter.TryWriteBytes(route[4..], destination.Address);
            hash.Append(route);
            hash.Append(payload);
            frames++;
        });
        harness.RunFor(TimeSpan.FromSeconds(2));
        return (hash.GetCurrentHashAsUInt64(), frames);
    }
}
