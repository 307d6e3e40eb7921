using System.Buffers.Binary;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace TrdpSim.Transport;

/// <summary>The IPv4 addresses a socket can bind on this host: those assigned to an interface, plus the
/// whole prefix of a loopback interface.</summary>
/// <remarks>
/// Linux routes all of 127.0.0.0/8 to <c>lo</c> (its <c>local 127.0.0.0/8</c> route), so any 127.x.y.z works
/// as a device address without an alias although <c>lo</c> lists only 127.0.0.1/8. Any other address must
/// be assigned to an interface (<c>ip addr add 10.0.0.5/24 dev eth0</c>); otherwise <c>bind</c> and
/// <c>IP_MULTICAST_IF</c> fail with EADDRNOTAVAIL. A snapshot: read once, for set-up checks.
/// </remarks>
internal sealed class HostAddresses
{
    private readonly List<(uint Address, uint Mask, bool Loopback)> _assigned;

    /// <param name="assigned">Each assigned address (host order), its prefix length and whether its interface is a loopback.</param>
    public HostAddresses(IEnumerable<(uint Address, int PrefixLength, bool Loopback)> assigned)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        _assigned = [];
        foreach (var (address, prefix, loopback) in assigned)
        {
            uint mask = prefix <= 0 ? 0 : prefix >= 32 ? uint.MaxValue : uint.MaxValue << (32 - prefix);
            _assigned.Add((address, mask, loopback));
        }
    }

    /// <summary>The addresses of this host's interfaces now (<see cref="NetworkInterface"/>).</summary>
    public static HostAddresses Current()
    {
        var assigned = new List<(uint, int, bool)>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var loopback = nic.NetworkInterfaceType == NetworkInterfaceType.Loopback;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    assigned.Add((BinaryPrimitives.ReadUInt32BigEndian(unicast.Address.GetAddressBytes()), unicast.PrefixLength, loopback));
                }
            }
        }

        return new HostAddresses(assigned);
    }

    /// <summary>Whether a socket can bind <paramref name="address"/> (host order) here.</summary>
    public bool IsLocal(uint address)
    {
        foreach (var (assigned, mask, loopback) in _assigned)
        {
            if (address == assigned || (loopback && (address & mask) == (assigned & mask)))
            {
                return true;
            }
        }

        return false;
    }
}
