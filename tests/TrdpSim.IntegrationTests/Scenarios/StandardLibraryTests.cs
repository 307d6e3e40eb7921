using TrdpSim.Scenarios.Packs;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary>The standard scenario library in <c>plugins/</c>: every pack validates with its defaults, and
/// every pack, shortened through its own time parameters, shows its specific effect when played for real
/// on the in-memory network.</summary>
/// <remarks>The packs run all at once (each on its own in-memory network) the first time a case asks for
/// its outcome, so the class takes about as long as the longest shortened run, not the sum of them.</remarks>
public sealed class StandardLibraryTests
{
    /// <summary>The example packs older than the library (API version 1, no guide).</summary>
    private static readonly string[] Examples = ["basic-train", "md-shaped"];

    private static readonly Dictionary<string, PackCase> Cases = new[]
    {
        new PackCase("power-loss-reboot", new() { ["duration"] = "4s", ["powerOffAt"] = "1s", ["offFor"] = "1s" }, o =>
        {
            Assert.True(o.Subscriptions("dut", "ccu-status").Timeouts >= 1, o.Log);
            Assert.True(o.Telemetry.Faults().Single(f => f.Name == "power-off").Strikes > 0);
            var restart = Assert.Single(o.Logged("reboot-seq"));
            Assert.True(restart <= 2, $"first sequence counter after the reboot: {restart}"); // restarted from 0
            Assert.True(o.Subscriptions("dut", "ccu-status").Received > 20);
        }),
        new PackCase("loss-bursts", new() { ["duration"] = "4s", ["burstStart"] = "500ms", ["burstStop"] = "3500ms", ["goodToBad"] = "0.05", ["badToGood"] = "0.3" }, o =>
        {
            Assert.True(o.Subscriptions("dut", "ccu-command").Lost > 0, o.Log);
            Assert.True(Assert.Single(o.Logged("bursts")) >= 2, o.Log);
            Assert.True(Assert.Single(o.Logged("longest-burst")) >= 2, o.Log); // losses come in bursts, not alone
        }),
        new PackCase("jitter-storm", new() { ["duration"] = "4s", ["stormStart"] = "500ms", ["stormRamp"] = "1s", ["stormStop"] = "3500ms" }, o =>
        {
            Assert.True(o.Publications("ccu", "speed").Delayed > 0, o.Log);
            Assert.True(o.Subscriptions("dut", "ccu-speed").OutOfOrder > 0, o.Log); // delays beyond the cycle reorder frames
            Assert.NotEmpty(o.Logged("out-of-order"));
        }),
        new PackCase("babbling-idiot", new() { ["duration"] = "4s", ["babbleAt"] = "1s", ["babbleFor"] = "2s" }, o =>
        {
            // 4 s at 100 ms is about 40 frames; 2 s of babbling at ×20 adds about 380.
            Assert.True(o.Publications("door", "door-status").Sent > 150, o.Log);
            Assert.True(o.Logged("babbler-rate").Max() >= 100, o.Log);
            Assert.Equal(0, o.Subscriptions("dut", "ccu-speed").Lost);
        }),
        new PackCase("inauguration", new() { ["duration"] = "4s", ["changeAt"] = "1s", ["changeFor"] = "1500ms" }, o =>
        {
            Assert.True(o.Telemetry.Rejects.Get(RejectReason.TopoMismatch) > 0, o.Log);
            Assert.True(o.Subscriptions("dut", "train-info").Timeouts >= 1, o.Log);
            Assert.True(Assert.Single(o.Logged("timeouts-seen")) >= 1);
            Assert.Equal(0, o.Subscriptions("dut", "train-info").TimedOut); // accepted again after the change
        }),
        new PackCase("md-storm", new() { ["duration"] = "5s", ["calmFor"] = "1s", ["stormRamp"] = "500ms", ["stormFor"] = "2500ms", ["withheld"] = "0.5" }, o =>
        {
            var callers = o.Md(MdRole.Caller);
            Assert.True(callers.Timeouts > 0, o.Log);
            Assert.True(callers.Ok > 0);
            Assert.True(o.Md(MdRole.Replier).NoReplies > 0);
            Assert.True(Assert.Single(o.Logged("caller-timeouts")) > 0);
            Assert.Contains("phase 'storm'", o.Log, StringComparison.Ordinal);
        }),
        new PackCase("slow-responder", new() { ["duration"] = "4s", ["slowFrom"] = "500ms", ["slowRamp"] = "2s", ["maxDelay"] = "300ms", ["lateProbability"] = "0.3", ["maxTimeoutRatio"] = "0.9" }, o =>
        {
            var caller = o.Md(MdRole.Caller);
            Assert.True(caller.Timeouts > 0, $"timeouts {caller.Timeouts}\n{o.Log}");
            Assert.True(caller.Ok > 0, o.Log);
            Assert.True(Assert.Single(o.Logged("answered-late")) > 0, o.Log);
            Assert.True(Assert.Single(o.Logged("slowest-ms")) >= 300, o.Log); // late answers beyond the 500 ms timeout
            Assert.True(Assert.Single(o.Logged("answered")) > 10, o.Log);
        }),
        new PackCase("fcs-flood", new() { ["duration"] = "4s", ["floodAt"] = "1s", ["floodFor"] = "2s" }, o =>
        {
            Assert.True(o.Telemetry.Rejects.Get(RejectReason.BadFcs) > 50, o.Log);
            Assert.True(o.Subscriptions("dut", "brake-command").Received > 100);
        }),
        new PackCase("cycle-drift", new() { ["duration"] = "4s", ["driftAt"] = "500ms", ["driftRamp"] = "500ms", ["driftPpm"] = "500000" }, o =>
        {
            var drifting = o.Publications("door-drift", "drifting").Sent;
            var reference = o.Publications("door-ref", "reference").Sent;
            Assert.True(drifting < reference * 0.85, $"drifting {drifting}, reference {reference}"); // ×1.5 cycles
            Assert.Equal(drifting, (long)Assert.Single(o.Logged("drifting-sent")));
        }),
        new PackCase("soak-baseline", new()
        {
            // A loaded 2-core CI machine plays all packs at once: the lateness budget is generous here and
            // strict (2 ms) in the pack's default.
            ["duration"] = "4s", ["telegrams"] = "20", ["cycle"] = "20ms", ["window"] = "1s", ["report"] = "1s",
            ["latenessP99"] = "100ms", ["flatness"] = "0.3",
        }, o =>
        {
            Assert.Equal(0, o.Subscriptions("dut", "process-in").Lost);
            Assert.True(o.Subscriptions("dut", "process-in").Received > 1000, o.Log);
            Assert.True(o.Md(MdRole.Caller).Ok > 10, o.Log);
            var rates = o.Logged("received-per-second");
            Assert.True(rates.Count >= 2, o.Log);
            Assert.All(rates, r => Assert.InRange(r, 300, 2000)); // planned 1000/s
            Assert.True(o.Report.Thresholds.Count >= 7);
        }),
        new PackCase("stuck-sensor", new() { ["duration"] = "4s", ["stuckAt"] = "1s", ["stuckFor"] = "2s" }, o =>
        {
            Assert.True(Assert.Single(o.Logged("stuck-frames")) >= 10, o.Log);
            Assert.True(Assert.Single(o.Logged("stuck-detected")) >= 1, o.Log);
        }),
        new PackCase("sequence-faults", new() { ["duration"] = "4s", ["faultAt"] = "500ms", ["spacing"] = "700ms", ["freezeFor"] = "300ms" }, o =>
        {
            var input = o.Subscriptions("dut", "ccu-data");
            Assert.True(input.Duplicates > 0, o.Log);   // freeze and roll-back repeat counters
            Assert.True(input.Lost >= 100, o.Log);      // the jump of 100
            Assert.True(o.Telemetry.Faults().All(f => f.Strikes > 0), o.Log);
        }),
        new PackCase("basic-train", new(), o => Assert.True(o.Telemetry.TotalSent() > 0), TimeSpan.FromSeconds(2)),
        new PackCase("md-shaped", new(), o => Assert.True(o.Md(MdRole.Caller).Ok > 0), TimeSpan.FromSeconds(2)),
    }.ToDictionary(c => c.Pack);

    private static readonly Lazy<Task<Dictionary<string, Task<PackOutcome>>>> Outcomes = new(RunAllAsync);

    public static TheoryData<string> Packs()
    {
        var data = new TheoryData<string>();
        foreach (var pack in PackFolders())
        {
            data.Add(Path.GetFileName(pack));
        }

        return data;
    }

    [Fact]
    public void TheLibraryHasAtLeastTenPacksAndEveryPackHasACase()
    {
        var packs = PackFolders().Select(Path.GetFileName).ToList();
        Assert.True(packs.Count - Examples.Length >= 10, string.Join(", ", packs));
        Assert.Equal(packs.Order(StringComparer.Ordinal), Cases.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public void EveryPackValidatesWithItsDefaults(string pack)
    {
        var folder = Path.Combine(PluginsFolder(), pack);
        PlanLoadResult result = PluginLoader.Load(folder, new Dictionary<string, string>(), out PluginManifest? manifest);
        Assert.True(result.Success, result.FormatErrors());
        Assert.Empty(PlanValidator.Validate(result.Plan!));
        if (!Examples.Contains(pack))
        {
            Assert.Equal(2, manifest!.ApiVersion);
            Assert.Equal("1.0.0", manifest.Version);
            Assert.Contains(manifest.Parameters, p => p.Name == "duration");
            Assert.Contains(manifest.Parameters, p => p.Name == "seed");
            var guide = File.ReadAllText(Path.Combine(folder, "README.md"));
            foreach (var parameter in manifest.Parameters)
            {
                Assert.Contains($"`{parameter.Name}`", guide, StringComparison.Ordinal); // the guide explains every parameter
            }

            // Playable on loopback as it is (each pack in its own range: PacksUseDistinctAddressRanges).
            Assert.All(result.Plan!.Devices, d => Assert.Equal(127u, d.Address >> 24));
        }
    }

    [Fact]
    public void PacksUseDistinctAddressRanges()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in PackFolders().Where(f => !Examples.Contains(Path.GetFileName(f))))
        {
            PlanLoadResult result = PluginLoader.Load(folder, new Dictionary<string, string>());
            Assert.True(result.Success, result.FormatErrors());
            foreach (var range in result.Plan!.Devices.Select(d => $"{d.Address >> 24}.{(d.Address >> 16) & 255}.{(d.Address >> 8) & 255}").Distinct())
            {
                Assert.True(owners.TryAdd(range, Path.GetFileName(folder)), $"{range}.x is used by {Path.GetFileName(folder)} and {owners.GetValueOrDefault(range)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Packs))]
    public async Task ShortenedRunShowsTheScenarioEffect(string pack)
    {
        var all = await Outcomes.Value;
        PackOutcome outcome = await all[pack];
        Assert.True(outcome.Errors.Count == 0, string.Join("\n", outcome.Errors));
        Assert.Equal(0, outcome.Telemetry.EngineErrors);
        if (!Examples.Contains(pack))
        {
            Assert.True(outcome.Failures.Count == 0, string.Join("\n", outcome.Failures) + "\n" + outcome.Log);
            Assert.True(outcome.Report.Thresholds.Count > 0);
            Assert.True(outcome.Report.Passed, string.Join("\n", outcome.Report.Thresholds.Select(t => $"{t.Text}: {t.Passed} {t.ObservedText}")) + "\n" + outcome.Log);
        }

        Cases[pack].Check(outcome);
    }

    private static Task<Dictionary<string, Task<PackOutcome>>> RunAllAsync()
    {
        // A few at a time: every run has its own wheel, receive and script threads, and CI has two cores.
        var gate = new SemaphoreSlim(3);
        var runs = new Dictionary<string, Task<PackOutcome>>(StringComparer.Ordinal);
        foreach (var folder in PackFolders())
        {
            var name = Path.GetFileName(folder);
            if (Cases.TryGetValue(name, out PackCase? c))
            {
                runs[name] = Task.Run(async () =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        return await PackOutcome.PlayAsync(folder, c.Parameters, c.Duration);
                    }
                    finally
                    {
                        gate.Release();
                    }
                });
            }
        }

        return Task.FromResult(runs);
    }

    private static string[] PackFolders() =>
        [.. Directory.GetDirectories(PluginsFolder())
            .Where(d => File.Exists(Path.Combine(d, "plugin.toml")))
            .Order(StringComparer.Ordinal)];

    private static string PluginsFolder()
    {
        var root = RepositoryRoot.Find();
        Assert.NotNull(root);
        return Path.Combine(root, "plugins");
    }

    /// <summary>One pack's shortened run: its parameters (or a plain duration override for packs
    /// without time parameters) and what must show up.</summary>
    private sealed record PackCase(string Pack, Dictionary<string, string> Parameters, Action<PackOutcome> Check, TimeSpan? Duration = null);
}
