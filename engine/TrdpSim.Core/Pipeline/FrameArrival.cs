namespace TrdpSim.Pipeline;

/// <summary>Which socket a frame for the wheel thread came in on: it decides who may handle it.</summary>
internal enum FrameArrival : byte
{
    /// <summary>The device's MD port (17225): requests, notifications, 'Mc', 'Me'.</summary>
    ServicePort,

    /// <summary>A caller's ephemeral socket: 'Mp'/'Mq' replies.</summary>
    CallerPort,

    /// <summary>A multicast listener socket: requests to a group (no 'Me' for these).</summary>
    Group,

    /// <summary>A TCP connection (server or client side): answers go back on the same connection.</summary>
    Tcp,

    /// <summary>A PD receive socket: a pull request ('Pr') that passed the device's checks and its
    /// subscription's sequence rule, answered on the wheel thread.</summary>
    PdPull,
}
