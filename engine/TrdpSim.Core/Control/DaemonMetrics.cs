using Prometheus;
using TrdpSim.Hosting.Daemon;

namespace TrdpSim.Control;

/// <summary>The daemon's own series beside its runs' on <c>/metrics</c>: runs by state and refused requests by reason.</summary>
public sealed class DaemonMetrics
{
    private static readonly RunState[] States = Enum.GetValues<RunState>();
    private readonly Counter _rejected;

    public DaemonMetrics(RunRegistry? runs)
    {
        var factory = Metrics.WithCustomRegistry(Registry);
        _rejected = factory.CreateCounter("trdpsim_daemon_requests_rejected_total",
            "Requests to the control plane refused before they reached a run: unauthorized, bad_request, too_large.", "reason");
        var byState = factory.CreateGauge("trdpsim_daemon_runs", "Runs the daemon keeps, by state (ended runs until their retention ends).", "state");
        Registry.AddBeforeCollectCallback(() =>
        {
            var counts = new int[States.Length];
            foreach (var run in runs?.List() ?? [])
            {
                counts[(int)run.State]++;
            }

            foreach (var state in States)
            {
                byState.WithLabels(RunStates.Label(state)).Set(counts[(int)state]);
            }
        });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>Counts one refused request (<paramref name="reason"/>: <c>unauthorized</c>, <c>bad_request</c>, <c>too_large</c>).</summary>
    public void Rejected(string reason) => _rejected.WithLabels(reason).Inc();

    /// <summary>How many requests were refused for <paramref name="reason"/>.</summary>
    public double RejectedCount(string reason) => _rejected.WithLabels(reason).Value;
}
