using System.Globalization;

namespace TrdpSim.IntegrationTests.Transport;

/// <summary>A fact that is skipped, with the reason, when multicast cannot travel over the loopback
/// interface of this machine. Tests must not change the network configuration to make it work.</summary>
/// <remarks>Detection: if <c>lo</c> lacks the MULTICAST flag (<c>ip link show lo</c>), a probe with plain
/// <see cref="Socket"/>s (independent of the code under test) sends one datagram to a group joined on
/// 127.0.0.1; the test is skipped only if that does not arrive. (In this project's VM lo has no MULTICAST
/// flag, yet the kernel delivers multicast with IP_MULTICAST_IF = 127.0.0.1, so the test runs.)</remarks>
public sealed class LoopbackMulticastFactAttribute : FactAttribute
{
    private const int IffMulticast = 0x1000;
    private static readonly Lazy<string?> SkipReason = new(Detect);

    public LoopbackMulticastFactAttribute()
    {
        if (SkipReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Detect()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Multicast loopback test runs on Linux only.";
        }

        if (LoopbackHasMulticastFlag() || ProbeDelivers())
        {
            return null;
        }

        return "Multicast is not delivered on the loopback interface here: 'lo' lacks the MULTICAST flag "
            + "(`ip link show lo`) and a probe to 239.192.77.254 via 127.0.0.1 got nothing. Enabling it "
            + "(`ip link set lo multicast on`) would change the machine's network configuration, which tests must not do.";
    }

    private static bool LoopbackHasMulticastFlag()
    {
        try
        {
            string text = File.ReadAllText("/sys/class/net/lo/flags").Trim();
            int flags = int.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return (flags & IffMulticast) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool ProbeDelivers()
    {
        try
        {
            IPAddress group = IPAddress.Parse("239.192.77.254");
            using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            receiver.Bind(new IPEndPoint(IPAddress.Any, 0));
            receiver.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, IPAddress.Loopback));
            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            sender.SendTo([1, 2, 3], new IPEndPoint(group, ((IPEndPoint)receiver.LocalEndPoint!).Port));
            return receiver.Poll(500_000, SelectMode.SelectRead);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
