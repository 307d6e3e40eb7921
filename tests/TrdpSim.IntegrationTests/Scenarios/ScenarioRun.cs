using System.Text.RegularExpressions;
using TrdpSim.Composition;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Plan.Validation;
using TrdpSim.Scenarios;

namespace TrdpSim.IntegrationTests.Scenarios;

/// <summary>Loads a scenario from text and plays it on the in-memory network for a while.</summary>
internal sealed partial class ScenarioRun : IAsyncDisposable
{
    private readonly StringWriter _log;


    public RunHost Host { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static RunPlan Load(string script, Jint.Options? sandbox = null)
    {
        var result = ScenarioLoader.Load(script, "t.js", new Dictionary<string, string>(), sandbox);
        Assert.True(result.Success, result.FormatErrors());
        result.Plan!.Network.Transport = TransportKind.InMemory;
        return result.Plan;
    }

    public static async Task<ScenarioRun> StartAsync(string script, Jint.Options? sandbox = null, int queueCapacity = 16_384, TrdpSim.Transport.IUdpTransport? transport = null)
    {
        var plan = Load(script, sandbox);
        Assert.Empty(PlanValidator.Validate(plan));
        var log = new StringWriter();
        var host = RunHost.Create(plan, new RunHostOptions
        {
            Transport = transport,
            ScenarioLog = TextWriter.Synchronized(log),
            ScenarioQueueCapacity = queueCapacity,
        });
        await host.StartAsync();
        return new ScenarioRun(host, log);
    }

    private ScenarioRun(RunHost host, StringWriter log)
    {
        Host = host;
        _log = log;
    }

    /// <summary>Numbers logged after <paramref name="label"/> by <c>run.log(label, number)</c>, in order.</summary>
    public List<double> Logged(string label)
    {
        var values = new List<double>();
        foreach (Match m in LogLine().Matches(Log))
        {
            if (m.Groups[1].Value == label)
            {
                values.Add(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return values;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task<bool> Until(Func<bool> condition, int timeoutMs = 10_000)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMs)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    [GeneratedRegex(@": (\S+) (-?[0-9.]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex LogLine();
}
