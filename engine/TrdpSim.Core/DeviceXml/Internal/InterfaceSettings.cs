using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>A bus interface's session settings (<c>trdp-process</c>, <c>pd-com-parameter</c>,
/// <c>md-com-parameter</c>) with TCNopen's defaults, and where each was written.</summary>
/// <remarks>Times are in µs as in the XML. The plan has one network per run: the first interface of the
/// train sets it; <see cref="TrainBinder"/> reports where another interface differs.</remarks>
internal sealed class InterfaceSettings
{
    public const uint InfiniteMicroseconds = uint.MaxValue;

    private static readonly (string, bool)[] OnOff = [("on", true), ("off", false)];

    public static readonly (string, MdProtocol)[] Protocols = [("UDP", MdProtocol.Udp), ("TCP", MdProtocol.Tcp)];

    public uint ProcessCycle { get; private set; } = 10_000;

    public bool TrafficShaping { get; private set; } = true;

    public ushort PdPort { get; private set; } = 17224;

    public byte PdQos { get; private set; } = 5;

    public byte PdTtl { get; private set; } = 64;

    public uint PdTimeout { get; private set; } = 100_000;

    public TimeoutBehavior Validity { get; private set; } = TimeoutBehavior.Zero;

    public ushort MdUdpPort { get; private set; } = 17225;

    public ushort MdTcpPort { get; private set; } = 17225;

    public uint MdReplyTimeout { get; private set; } = 5_000_000;

    public uint MdConnectTimeout { get; private set; } = 60_000_000;

    public uint MdRetries { get; private set; } = 2;

    public byte MdQos { get; private set; } = 3;

    public byte MdTtl { get; private set; } = 64;

    public MdProtocol MdProtocol { get; private set; } = MdProtocol.Udp;

    public uint MdSessions { get; private set; } = 1000;

    /// <summary>Where each setting was written (key: <c>"&lt;pd-com-parameter&gt; port"</c>); the interface
    /// itself for a default.</summary>
    public Dictionary<string, SourceLocation> Origins { get; } = new(StringComparer.Ordinal);

    public SourceLocation Interface { get; set; }

    public SourceLocation Where(string key) => Origins.TryGetValue(key, out SourceLocation at) ? at : Interface;

    public void ReadProcess(ElementReader r)
    {
        if (r.TryNumber("cycle-time", 0, uint.MaxValue, out uint cycle, out SourceLocation at))
        {
            ProcessCycle = cycle;
            Origins["<trdp-process> cycle-time"] = at;
        }

        if (r.TryWord("traffic-shaping", OnOff, out bool shaping))
        {
            TrafficShaping = shaping;
            Origins["<trdp-process> traffic-shaping"] = r.Take("traffic-shaping")!.Origin;
        }

        r.Ignore("priority", Reasons.Priority);
        r.Ignore("blocking", Reasons.Blocking);
        r.Finish();
    }

    public void ReadPd(ElementReader r)
    {
        if (Read(r, "port", 1, ushort.MaxValue, out uint port))
        {
            PdPort = (ushort)port;
        }

        if (Read(r, "qos", 0, 7, out uint qos))
        {
            PdQos = (byte)qos;
        }

        if (Read(r, "ttl", 1, byte.MaxValue, out uint ttl))
        {
            PdTtl = (byte)ttl;
        }

        if (Read(r, "timeout-value", 0, uint.MaxValue, out uint timeout))
        {
            PdTimeout = timeout == 0 ? 100_000 : timeout;
        }

        if (r.TryWord("validity-behavior", PlanWords.TimeoutBehaviors, out TimeoutBehavior validity))
        {
            Validity = validity;
        }

        r.Ignore("marshall", Reasons.Marshall);
        r.Ignore("callback", Reasons.Callback);
        r.Finish();
    }

    public void ReadMd(ElementReader r)
    {
        if (Read(r, "udp-port", 1, ushort.MaxValue, out uint udp))
        {
            MdUdpPort = (ushort)udp;
        }

        if (Read(r, "tcp-port", 1, ushort.MaxValue, out uint tcp))
        {
            MdTcpPort = (ushort)tcp;
        }

        if (Read(r, "reply-timeout", 0, uint.MaxValue, out uint reply))
        {
            MdReplyTimeout = reply == 0 ? 5_000_000 : reply;
        }

        if (Read(r, "connect-timeout", 1, uint.MaxValue, out uint connect))
        {
            MdConnectTimeout = connect;
        }

        if (Read(r, "retries", 0, XmlLimits.MaxRetries, out uint retries))
        {
            MdRetries = retries;
        }

        if (Read(r, "qos", 0, 7, out uint qos))
        {
            MdQos = (byte)qos;
        }

        if (Read(r, "ttl", 1, byte.MaxValue, out uint ttl))
        {
            MdTtl = (byte)ttl;
        }

        if (Read(r, "num-sessions", 1, XmlLimits.MaxSessions, out uint sessions))
        {
            MdSessions = sessions;
        }

        if (r.TryWord("protocol", Protocols, out MdProtocol protocol))
        {
            MdProtocol = protocol;
        }

        r.Ignore("confirm-timeout", Reasons.ConfirmTimeout);
        r.Ignore("marshall", Reasons.Marshall);
        r.Ignore("callback", Reasons.Callback);
        r.Finish();
    }

    private bool Read(ElementReader r, string name, uint min, uint max, out uint value)
    {
        if (!r.TryNumber(name, min, max, out value, out SourceLocation at))
        {
            return false;
        }

        Origins[$"{r.Element.Tag} {name}"] = at;
        return true;
    }
}
