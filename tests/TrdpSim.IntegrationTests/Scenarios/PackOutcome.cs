using System.Globalization;
using System.Text.RegularExpressions;
using TrdpSim.Composition;
using TrdpSim.Configuration;
using TrdpSim.Devices;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using TrdpSim.Reporting;
using TrdpSim.Scenarios.Packs;
using TrdpSim.Telemetry;
using TrdpSim.Thresholds;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary>What a plugin pack did when played for a while on the in-memory network, ended the way
/// <c>trdpsim run</c> ends a run: stop, end hooks with the summary, then the threshold verdict.</summary>
internal sealed partial class PackOutcome
{
    private PackOutcome(RunTelemetry telemetry, string log, ThresholdReport report, IReadOnlyList<string> errors, IReadOnlyList<string> failures)
    {
        Telemetry = telemetry;
        Log = log;
        Report = report;
        Errors = errors;
        Failures = failures;
    }

    public RunTelemetry Telemetry { get; }

    /// <summary>Everything the scenario wrote with <c>run.log</c>.</summary>
    public string Log { get; }

    public ThresholdReport Report { get; }

    /// <summary>Script errors (a callback that threw or tripped a sandbox limit).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Reasons given to <c>run.fail()</c>.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>Loads the pack in <paramref name="folder"/> with <paramref name="parameters"/>, plays it on the
    /// in-memory network for its duration (or <paramref name="duration"/>) and collects the outcome.</summary>
    public static async Task<PackOutcome> PlayAsync(string folder, IReadOnlyDictionary<string, string> parameters, TimeSpan? duration)
    {
        PlanLoadResult result = PluginLoader.Load(folder, parameters);
        Assert.True(result.Success, result.FormatErrors());
        RunPlan plan = result.Plan!;
        plan.Network.Transport = TransportKind.InMemory;
        plan.Network.Wait = WaitMode.Sleep; // several runs share the machine; nothing here measures precision
        plan.Duration = duration ?? plan.Duration;
        Assert.Empty(PlanValidator.Validate(plan));
        var log = new StringWriter();
        var host = RunHost.Create(plan, new RunHostOptions { ScenarioLog = TextWriter.Synchronized(log) });
        await using (host)
        {
            Assert.Empty(host.Thresholds.Unmatched());
            await host.StartAsync();
            await Task.Delay(plan.Duration!.Value);
            await host.StopAsync();
            RunSummary summary = RunSummary.Capture(host.Telemetry, plan.Duration.Value);
            Assert.True(host.Scenarios!.End(summary, TimeSpan.FromSeconds(20)), "end hooks did not finish");
            ThresholdReport report = host.Thresholds.Finish();
            return new PackOutcome(host.Telemetry, log.ToString(), report, [.. host.Scenarios.Errors], [.. host.Scenarios.Failures.Select(f => f.Reason)]);
        }
    }

    /// <summary>Numbers logged after <paramref name="label"/> by <c>run.log(label, number)</c>, in order.</summary>
    public List<double> Logged(string label)
    {
        var values = new List<double>();
        foreach (Match m in LogLine().Matches(Log))
        {
            if (m.Groups[1].Value == label)
            {
                values.Add(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            }
        }

        return values;
    }

    /// <summary>Counters of a device's subscription (all instances).</summary>
    public TelegramCounters Subscriptions(string device, string name) => Totals(device, name, TelegramRole.Subscribe);

    /// <summary>Counters of a device's publication (all instances).</summary>
    public TelegramCounters Publications(string device, string name) => Totals(device, name, TelegramRole.Publish);

    /// <summary>MD counters of every caller or every replier of the run together.</summary>
    public MdCounters Md(MdRole role)
    {
        var totals = new MdCounters();
        foreach (MdGroup group in Telemetry.MdGroups)
        {
            if (group.Role == role)
            {
                totals.Accumulate(group.Counters);
            }
        }

        return totals;
    }

    private TelegramCounters Totals(string device, string name, TelegramRole role)
    {
        var totals = new TelegramCounters();
        var found = false;
        foreach (TelegramGroup group in Telemetry.Groups)
        {
            if (group.Device == device && group.Name == name && group.Role == role)
            {
                totals.Accumulate(group.Totals());
                found = true;
            }
        }

        Assert.True(found, $"no {role} '{name}' on device '{device}'");
        return totals;
    }

    [GeneratedRegex(@": (\S+) (-?[0-9.]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex LogLine();
}
