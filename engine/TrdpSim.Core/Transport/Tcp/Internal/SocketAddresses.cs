using System.Buffers.Binary;
using System.Net;

namespace TrdpSim.Transport.Tcp.Internal;

/// <summary>Conversions between <see cref="Ip4Endpoint"/> (host order) and <see cref="IPEndPoint"/>;
/// used once per connection, never per frame.</summary>
internal static class SocketAddresses
{
    public static IPAddress ToIPAddress(uint hostOrder)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, hostOrder);
        return new IPAddress(bytes);
    }

    public static IPEndPoint ToIPEndPoint(Ip4Endpoint endpoint) => new(ToIPAddress(endpoint.Address), endpoint.Port);

    public static Ip4Endpoint FromEndPoint(EndPoint? endPoint)
    {
        if (endPoint is not IPEndPoint ip)
        {
            return default;
        }

        IPAddress address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) && written == 4
            ? new Ip4Endpoint(BinaryPrimitives.ReadUInt32BigEndian(bytes), (ushort)ip.Port)
            : default;
    }
}
