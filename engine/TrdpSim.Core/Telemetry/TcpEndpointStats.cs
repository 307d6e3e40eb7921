using TrdpSim.Transport.Tcp;

namespace TrdpSim.Telemetry;

/// <summary>Which end of MD over TCP a device plays.</summary>
public enum TcpSide : byte
{
    /// <summary>The device's callers connect out (one kept connection per destination).</summary>
    Client,

    /// <summary>The device's TCP repliers accept connections on the MD port.</summary>
    Server,
}

/// <summary>One device's TCP MD server or client pool, with its live counters.</summary>
public sealed record TcpEndpointStats(string Device, TcpSide Side, TcpMdStats Stats)
{
    /// <summary>The <c>side</c> label: <c>client</c> or <c>server</c>.</summary>
    public string SideLabel => Side == TcpSide.Client ? "client" : "server";
}
