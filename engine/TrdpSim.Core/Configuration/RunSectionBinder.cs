using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Configuration;

/// <summary>Binds the single-instance sections: <c>[run]</c>, <c>[network]</c> and <c>[metrics]</c>.</summary>
internal static class RunSectionBinder
{
    public static void BindRun(TomlTableNode? table, RunPlan plan, PlanErrorSink errors)
    {
        if (table is null)
        {
            return;
        }

        plan.Origin = table.Origin;
        var run = new TomlTableReader(table, "[run]", errors, plan.Keys);
        if (run.TryString("name", out string name, out _))
        {
            plan.Name = name;
        }

        if (run.TryDuration("duration", false, out TimeSpan duration, out _))
        {
            plan.Duration = duration;
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

        network.Origin = table.Origin;
        var reader = new TomlTableReader(table, "[network]", errors, network.Keys);
        network.PdPort = (ushort)reader.Integer("pd-port", 0, ushort.MaxValue, network.PdPort);
        network.MdPort = (ushort)reader.Integer("md-port", 0, ushort.MaxValue, network.MdPort);
        network.PdQos = (byte)reader.Integer("pd-qos", 0, byte.MaxValue, network.PdQos);
        network.PdTtl = (byte)reader.Integer("pd-ttl", 0, byte.MaxValue, network.PdTtl);
        network.DefaultPdTimeout = Duration(reader, "default-pd-timeout", network.DefaultPdTimeout);
        network.TrafficShaping = reader.Bool("traffic-shaping", network.TrafficShaping);
        network.PdStatistics = reader.Bool("pd-statistics", network.PdStatistics);
        network.AllowNetwork = reader.Bool("allow-network", network.AllowNetwork);
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

        if (reader.TryWord("transport", PlanWords.Transports, out TransportKind transport))
        {
            network.Transport = transport;
        }

        reader.ReportUnknownKeys();
    }

    /// <summary>The MD keys of <c>[network]</c> (TCNopen's <c>md-com-parameter</c>).</summary>
    private static void BindMdNetwork(TomlTableReader reader, NetworkPlan network)
    {
        network.MdQos = (byte)reader.Integer("md-qos", 0, byte.MaxValue, network.MdQos);
        network.MdTtl = (byte)reader.Integer("md-ttl", 0, byte.MaxValue, network.MdTtl);
        network.MdReplyTimeout = Duration(reader, "md-reply-timeout", network.MdReplyTimeout);
        network.MdMaxSessions = (int)reader.Integer("md-max-sessions", int.MinValue, int.MaxValue, network.MdMaxSessions);
        network.MdTcpIdleTimeout = Duration(reader, "md-tcp-idle-timeout", network.MdTcpIdleTimeout);
        network.MdTcpReconnectDelay = Duration(reader, "md-tcp-reconnect-delay", network.MdTcpReconnectDelay);
        network.MdTcpMaxReconnectDelay = Duration(reader, "md-tcp-reconnect-max-delay", network.MdTcpMaxReconnectDelay);
    }

    private static TimeSpan Duration(TomlTableReader reader, string key, TimeSpan fallback) =>
        reader.TryDuration(key, false, out TimeSpan value, out _) ? value : fallback;

    public static void BindMetrics(TomlTableNode? table, MetricsPlan metrics, PlanErrorSink errors)
    {
        if (table is null)
        {
            return;
        }

        metrics.Origin = table.Origin;
        var reader = new TomlTableReader(table, "[metrics]", errors, metrics.Keys);
        metrics.Enabled = reader.Bool("enabled", metrics.Enabled);
        if (reader.TryString("listen", out string listen, out SourceLocation at))
        {
            if (AddressParser.TryParseEndpoint(listen, out _, out _))
            {
                metrics.Listen = listen;
            }
            else
            {
                reader.Error("listen", at, $"'listen': invalid endpoint \"{listen}\" (expected a.b.c.d:port, port 0 = any free port)");
            }
        }

        reader.ReportUnknownKeys();
    }
}
