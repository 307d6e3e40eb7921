namespace TrdpSim.Recording;

/// <summary>Which frames a recording keeps (<c>--record-direction</c>).</summary>
public enum RecordingDirection
{
    /// <summary>Frames the devices sent and frames they received.</summary>
    Both,

    /// <summary>Frames that left the devices' sockets and TCP connections.</summary>
    Sent,

    /// <summary>Frames the devices' receive loops and TCP connections took in.</summary>
    Received,
}
