using TrdpSim.Protocol;

namespace TrdpSim.Plan;

/// <summary>The limits the plan validator holds every plan to, whichever front end wrote it.</summary>
public static class PlanLimits
{
    /// <summary>Shortest publication cycle, pull interval and expected cycle. TRDP stacks schedule in 5 ms
    /// steps (TCNopen's default process cycle is 10 ms), but the simulator's timing wheel can do better and
    /// tests use fast cycles.</summary>
    public static readonly TimeSpan MinCycle = TimeSpan.FromMilliseconds(1);

    /// <summary>Upper bound for a telegram's <c>count</c>: one telegram line must stay a sensible unit of work.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Largest PD payload (<c>TRDP_MAX_PD_DATA_SIZE</c>).</summary>
    public const int MaxPdPayload = PdFrame.MaxDatasetLength;

    /// <summary>Largest MD payload: 65504-byte frame limit minus the 116-byte header (<c>TRDP_MAX_MD_DATA_SIZE</c>).</summary>
    public const int MaxMdPayload = MdFrame.MaxDatasetLength;

    /// <summary>Longest URI user part (TRDP header field: 32 characters).</summary>
    public const int MaxUriLength = 32;

    /// <summary>Most MD caller retransmissions (<c>TRDP_MAX_MD_RETRIES</c>).</summary>
    public const int MaxMdRetries = 2;

    /// <summary>Upper bound for the network's MD sessions per device.</summary>
    public const int MaxMdSessions = 1_000_000;

    /// <summary>Highest MD caller rate in transactions per second.</summary>
    public const double MaxMdRate = 1_000_000;

    /// <summary>Upper bound for an MD caller's open transactions.</summary>
    public const int MaxOutstanding = 100_000;

    /// <summary>Highest IP QoS class (TOS = qos &lt;&lt; 5).</summary>
    public const int MaxQos = 7;

    /// <summary>Longest dataset array.</summary>
    public const int MaxArraySize = ushort.MaxValue;

    /// <summary>Shortest and longest timing-wheel tick.</summary>
    public static readonly TimeSpan MinWheelTick = TimeSpan.FromMicroseconds(1);

    public static readonly TimeSpan MaxWheelTick = TimeSpan.FromMilliseconds(10);

    /// <summary>Largest phase rate multiplier.</summary>
    public const double MaxPhaseFactor = 1000;
}
