namespace TrdpSim.Plan;

/// <summary>The Prometheus endpoint served while a run is active.</summary>
public sealed class MetricsPlan : PlanEntry
{
    /// <summary>Serve <c>/metrics</c> during the run. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Listen address. Default <c>127.0.0.1:9464</c> (loopback only: the endpoint has no auth).
    /// Port 0 picks a free port.</summary>
    public string Listen { get; set; } = "127.0.0.1:9464";
}
