using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds the single-instance sections: <c>[run]</c>, <c>[network]</c> and <c>[metrics]</c>.</summary>
internal static class RunSectionBinder
{
    private static readonly (string, TransportKind)[] TransportWords =
        [("udp", TransportKind.Udp), ("in-memory", TransportKind.InMemory)];

    public static void BindRun(TomlTableNode? table, RunPlan plan, PlanErrorSink errors)
    {
        if (table is null)
        {
            return;
        }

        var run = new TomlTableReader(table, "[run]", errors);
        if (run.TryString("name", out string name, out SourceLocation at))
        {
            if (name.Length == 0)
            {
                run.Error(at, "'name' must not be empty");
            }
            else
            {
                plan.Name = name;
            }
        }

        if (run.TryDuration("duration", false, out TimeSpan duration, out at))
        {
            if (duration <= TimeSpan.Zero)
            {
                run.Error(at, "'duration' must be positive (leave it out to run until stopped)");
            }
            else
            {
                plan.Duration = duration;
            }
        }

        plan.Seed = (ulong)run.Integer("seed", 0, long.MaxValue, (long)plan.Seed);
        run.ReportUnknownKeys();
    }

    public static void BindNetwork(TomlTableNode? table, NetworkPlan network, PlanErrorSink errors)
    {
        if (table is null)
        {
            return;
        }

        var reader = new TomlTableReader(table, "[network]", errors);
        network.PdPort = (ushort)reader.Integer("pd-port", 1, ushort.MaxValue, network.PdPort);
        network.MdPort = (ushort)reader.Integer("md-port", 1, ushort.MaxValue, network.MdPort);
        network.PdQos = (byte)reader.Integer("pd-qos", 0, 7, network.PdQos);
        network.PdTtl = (byte)reader.Integer("pd-ttl", 1, byte.MaxValue, network.PdTtl);
        if (reader.TryDuration("default-pd-timeout", false, out TimeSpan timeout, out SourceLocation at))
        {
            if (timeout <= TimeSpan.Zero)
            {
                reader.Error(at, "'default-pd-timeout' must be positive");
            }
            else
            {
                network.DefaultPdTimeout = timeout;
            }
        }

        network.TrafficShaping = reader.Bool("traffic-shaping", network.TrafficShaping);
        network.PdStatistics = reader.Bool("pd-statistics", network.PdStatistics);
        BindMdNetwork(reader, network);
        // wheel-tick and wait belong to [engine] now; [network] keeps reading them for older files.
        if (EngineSectionBinder.TryWheelTick(reader, out TimeSpan tick))
        {
            network.WheelTick = tick;
        }

        if (reader.TryWord("wait", EngineSectionBinder.WaitWords, out WaitMode wait))
        {
            network.Wait = wait;
        }

        if (reader.TryWord("transport", TransportWords, out TransportKind transport))
        {
            network.Transport = transport;
        }

        reader.ReportUnknownKeys();
    }

    /// <summary>The MD keys of <c>[network]</c> (TCNopen's <c>md-com-parameter</c>).</summary>
    private static void BindMdNetwork(TomlTableReader reader, NetworkPlan network)
    {
        network.MdQos = (byte)reader.Integer("md-qos", 0, 7, network.MdQos);
        network.MdTtl = (byte)reader.Integer("md-ttl", 1, byte.MaxValue, network.MdTtl);
        if (MdKeys.TryPositiveDuration(reader, "md-reply-timeout", out TimeSpan replyTimeout))
        {
            network.MdReplyTimeout = replyTimeout;
        }

        network.MdMaxSessions = (int)reader.Integer("md-max-sessions", 1, MdKeys.MaxSessions, network.MdMaxSessions);
        if (MdKeys.TryPositiveDuration(reader, "md-tcp-idle-timeout", out TimeSpan idle))
        {
            network.MdTcpIdleTimeout = idle;
        }

        // Durations never parse negative, so zero ("retry on every send") is the only special value.
        bool hasDelay = reader.TryDuration("md-tcp-reconnect-delay", false, out TimeSpan reconnect, out SourceLocation reconnectAt);
        if (hasDelay)
        {
            network.MdTcpReconnectDelay = reconnect;
        }

        bool hasMax = reader.TryDuration("md-tcp-reconnect-max-delay", false, out TimeSpan maxReconnect, out SourceLocation maxAt);
        if (hasMax)
        {
            network.MdTcpMaxReconnectDelay = maxReconnect;
        }

        if ((hasDelay || hasMax) && network.MdTcpMaxReconnectDelay < network.MdTcpReconnectDelay)
        {
            reader.Error(hasMax ? maxAt : reconnectAt,
                $"'md-tcp-reconnect-max-delay' ({DurationParser.Format(network.MdTcpMaxReconnectDelay)}) is shorter than 'md-tcp-reconnect-delay' ({DurationParser.Format(network.MdTcpReconnectDelay)})");
        }
    }

    public static void BindMetrics(TomlTableNode? table, MetricsPlan metrics, PlanErrorSink errors)
    {
        if (table is null)
        {
            return;
        }

        var reader = new TomlTableReader(table, "[metrics]", errors);
        metrics.Enabled = reader.Bool("enabled", metrics.Enabled);
        if (reader.TryString("listen", out string listen, out SourceLocation at))
        {
            if (AddressParser.TryParseEndpoint(listen, out _, out _))
            {
                metrics.Listen = listen;
            }
            else
            {
                reader.Error(at, $"'listen': invalid endpoint \"{listen}\" (expected a.b.c.d:port, port 0 = any free port)");
            }
        }

        reader.ReportUnknownKeys();
    }
}
