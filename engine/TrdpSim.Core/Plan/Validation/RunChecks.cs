namespace TrdpSim.Plan.Validation;

/// <summary>The run's own settings (<c>[run]</c>, <c>plan.name()</c>, <c>plan.duration()</c>) and the network
/// settings (<c>[network]</c>, <c>plan.network()</c>).</summary>
internal static class RunChecks
{
    public static void Check(RunPlan plan, PlanReport report)
    {
        if (plan.Name.Length == 0)
        {
            report.Value(plan, "name", "'name' must not be empty");
        }

        if (plan.Duration is { } duration && duration <= TimeSpan.Zero)
        {
            report.Value(plan, "duration", "'duration' must be positive (leave it out to run until stopped)");
        }

        CheckNetwork(plan.Network, report);
    }

    private static void CheckNetwork(NetworkPlan network, PlanReport report)
    {
        report.Range(network, "pd-port", network.PdPort, 1, ushort.MaxValue);
        report.Range(network, "md-port", network.MdPort, 1, ushort.MaxValue);
        report.Range(network, "pd-qos", network.PdQos, 0, PlanLimits.MaxQos);
        report.Range(network, "md-qos", network.MdQos, 0, PlanLimits.MaxQos);
        report.Range(network, "pd-ttl", network.PdTtl, 1, byte.MaxValue);
        report.Range(network, "md-ttl", network.MdTtl, 1, byte.MaxValue);
        report.Positive(network, "default-pd-timeout", network.DefaultPdTimeout);
        report.Positive(network, "md-reply-timeout", network.MdReplyTimeout);
        report.Range(network, "md-max-sessions", network.MdMaxSessions, 1, PlanLimits.MaxMdSessions);
        report.Positive(network, "md-tcp-idle-timeout", network.MdTcpIdleTimeout);

        // Zero is a valid reconnect delay ("retry on every send"); the ceiling must not undercut it.
        if (network.MdTcpReconnectDelay < TimeSpan.Zero)
        {
            report.Value(network, "md-tcp-reconnect-delay", "'md-tcp-reconnect-delay' must not be negative");
        }
        else if (network.MdTcpMaxReconnectDelay < TimeSpan.Zero)
        {
            report.Value(network, "md-tcp-reconnect-max-delay", "'md-tcp-reconnect-max-delay' must not be negative");
        }
        else if (network.MdTcpMaxReconnectDelay < network.MdTcpReconnectDelay)
        {
            string key = network.Given("md-tcp-reconnect-max-delay") ? "md-tcp-reconnect-max-delay" : "md-tcp-reconnect-delay";
            if (PlanReport.Judged(network, "md-tcp-reconnect-delay", "md-tcp-reconnect-max-delay"))
            {
                report.Value(network, key,
                    $"'md-tcp-reconnect-max-delay' ({DurationParser.Format(network.MdTcpMaxReconnectDelay)}) is shorter than 'md-tcp-reconnect-delay' ({DurationParser.Format(network.MdTcpReconnectDelay)})");
            }
        }

        if (network.WheelTick < PlanLimits.MinWheelTick || network.WheelTick > PlanLimits.MaxWheelTick)
        {
            report.Value(network, "wheel-tick", "'wheel-tick' must be between 1us and 10ms");
        }
    }
}
