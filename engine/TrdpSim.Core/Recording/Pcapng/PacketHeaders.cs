using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Pcapng;

/// <summary>Puts Ethernet, IPv4 and UDP or TCP headers in front of a TRDP frame, as the frame looked on the wire,
/// so that Wireshark and tshark decode the recording like a capture.</summary>
/// <remarks>
/// <para>MAC addresses are made up from the IPv4 address (<c>02:00:a:b:c:d</c>, locally administered) since a
/// socket never sees them; multicast destinations get the IANA group MAC (<c>01:00:5e</c> + the low 23 bits).
/// The IPv4 header carries the socket's TOS and TTL, a running identification, don't-fragment and a correct
/// checksum; UDP and TCP carry correct checksums too.</para>
/// <para>TCP segments carry one MD frame each, flags PSH+ACK, with sequence and acknowledgement numbers that
/// count the bytes of each direction of the connection (see <see cref="TcpStreams"/>): Wireshark follows the
/// stream and decodes it on port 17225 like a capture that started after the handshake.</para>
/// </remarks>
internal static class PacketHeaders
{
    public const int EthernetSize = 14;
    public const int Ipv4Size = 20;
    public const int UdpSize = 8;
    public const int TcpSize = 20;

    /// <summary>Largest payload that fits an IPv4 packet with a TCP header (the MD maximum fits UDP and TCP).</summary>
    public const int MaxPayload = 65535 - Ipv4Size - TcpSize;

    /// <summary>The length of the packet that carries <paramref name="payloadLength"/> bytes.</summary>
    public static int LengthOf(int payloadLength, bool tcp) => EthernetSize + Ipv4Size + (tcp ? TcpSize : UdpSize) + payloadLength;

    /// <summary>Writes the headers and copies the payload into <paramref name="packet"/>.</summary>
    /// <returns>The packet's length.</returns>
    public static int Write(Span<byte> packet, ReadOnlySpan<byte> payload, Ip4Endpoint source, Ip4Endpoint destination, bool tcp,
        byte tos, byte ttl, ushort identification, uint sequence = 0, uint acknowledgement = 0)
    {
        var transportSize = tcp ? TcpSize : UdpSize;
        var ipLength = Ipv4Size + transportSize + payload.Length;
        WriteMac(packet, destination.Address);
        WriteMac(packet[6..], source.Address);
        BinaryPrimitives.WriteUInt16BigEndian(packet[12..], 0x0800);

        var ip = packet.Slice(EthernetSize, Ipv4Size);
        ip[0] = 0x45;
        ip[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = ttl;
        ip[9] = tcp ? (byte)6 : (byte)17;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source.Address);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination.Address);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(Sum(ip, 0)));

        var transport = packet.Slice(EthernetSize + Ipv4Size, transportSize + payload.Length);
        payload.CopyTo(transport[transportSize..]);
        BinaryPrimitives.WriteUInt16BigEndian(transport, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(transport[2..], destination.Port);
        int checksumAt;
        if (tcp)
        {
            BinaryPrimitives.WriteUInt32BigEndian(transport[4..], sequence);
            BinaryPrimitives.WriteUInt32BigEndian(transport[8..], acknowledgement);
            transport[12] = 0x50;
            transport[13] = 0x18;
            BinaryPrimitives.WriteUInt16BigEndian(transport[14..], 0xFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(transport[16..], 0);
            checksumAt = 16;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(transport[4..], (ushort)(UdpSize + payload.Length));
            BinaryPrimitives.WriteUInt16BigEndian(transport[6..], 0);
            checksumAt = 6;
        }

        // Pseudo header: addresses, protocol, transport length; then the segment itself.
        var sum = Sum(ip.Slice(12, 8), 0) + ip[9] + (uint)transport.Length;
        var checksum = Checksum(Sum(transport, sum));
        if (!tcp && checksum == 0)
        {
            checksum = 0xFFFF; // 0 means "no checksum" in UDP over IPv4
        }

        BinaryPrimitives.WriteUInt16BigEndian(transport[checksumAt..], checksum);
        return EthernetSize + ipLength;
    }

    private static bool IsMulticast(uint address) => (address & 0xF0000000u) == 0xE0000000u;

    private static void WriteMac(Span<byte> mac, uint address)
    {
        if (IsMulticast(address))
        {
            mac[0] = 0x01;
            mac[1] = 0x00;
            mac[2] = 0x5E;
            mac[3] = (byte)((address >> 16) & 0x7F);
            mac[4] = (byte)(address >> 8);
            mac[5] = (byte)address;
            return;
        }

        mac[0] = 0x02;
        mac[1] = 0x00;
        BinaryPrimitives.WriteUInt32BigEndian(mac[2..], address);
    }

    /// <summary>One's complement sum of 16-bit big-endian words (odd length padded with zero) added to
    /// <paramref name="sum"/>, folded to at most 16 bits (0 only when everything summed is 0).</summary>
    /// <remarks>PERF: the recorder sums every recorded frame (the writer thread's largest item at 200k frames/s). The
    /// sum is independent of byte order (RFC 1071 §2 B): words read in the machine's order give the byte-swapped sum,
    /// swapped back once at the end, so no word is swapped. It adds 8 bytes at a time as two 32-bit halves into a
    /// 64-bit total with no carry test per word, and folds once at the end: since 2^16 ≡ 1 modulo 0xFFFF, a 32-bit word
    /// counts as its two 16-bit halves and a fold keeps the total modulo 0xFFFF (RFC 1071 §2).</remarks>
    internal static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        ulong total = 0;
        ref byte start = ref MemoryMarshal.GetReference(data);
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
            total += (uint)word + (word >> 32);
        }

        if (i + 4 <= data.Length)
        {
            total += Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i));
            i += 4;
        }

        if (i + 2 <= data.Length)
        {
            total += Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, i));
            i += 2;
        }

        if (i < data.Length)
        {
            // A last odd byte is the high byte of a big-endian word padded with zero: in the machine's order, its
            // place is where a word's first byte goes.
            total += BitConverter.IsLittleEndian ? data[i] : (uint)(data[i] << 8);
        }

        while ((total >> 16) != 0)
        {
            total = (total & 0xFFFF) + (total >> 16);
        }

        // Back to big-endian order, then the caller's part (already big-endian), folded again.
        ulong result = (BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)total) : total) + (ulong)sum;
        while ((result >> 16) != 0)
        {
            result = (result & 0xFFFF) + (result >> 16);
        }

        return (uint)result;
    }

    internal static ushort Checksum(uint sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
