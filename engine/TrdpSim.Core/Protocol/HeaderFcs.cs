using System.Buffers.Binary;
using System.IO.Hashing;

namespace TrdpSim.Protocol;

/// <summary>
/// The TRDP header FCS (trdp-wire.md §6): standard CRC-32 (ISO-HDLC, as zlib/Ethernet) over the header
/// bytes before the FCS field, stored <b>little-endian</b> in the header's last four bytes.
/// </summary>
/// <remarks>
/// <see cref="Crc32.HashToUInt32(ReadOnlySpan{byte})"/> is exactly this CRC and is allocation-free
/// (vectorised), so it is used directly. No FCS covers the dataset.
/// </remarks>
internal static class HeaderFcs
{
    /// <summary>Size of the FCS field in bytes.</summary>
    public const int Size = 4;

    /// <summary>CRC-32 over a complete header including a correct FCS always yields this residue.</summary>
    public const uint Residue = 0x2144DF1C;

    /// <summary>Computes the CRC-32 of <paramref name="coveredBytes"/> (PD: header bytes 0–35, MD: 0–111).</summary>
    public static uint Compute(ReadOnlySpan<byte> coveredBytes) => Crc32.HashToUInt32(coveredBytes);

    /// <summary>
    /// Checks a complete header (<paramref name="header"/> ends with its 4-byte FCS field) by recomputing
    /// the CRC over everything before the FCS and comparing it with the stored little-endian value.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> header)
    {
        int covered = header.Length - Size;
        if (covered < 0)
        {
            return false;
        }

        return Crc32.HashToUInt32(header[..covered]) == BinaryPrimitives.ReadUInt32LittleEndian(header[covered..]);
    }

    /// <summary>Checks a complete header via the CRC residue (<see cref="Residue"/>); same result as <see cref="Verify"/>.</summary>
    public static bool VerifyByResidue(ReadOnlySpan<byte> header) =>
        header.Length >= Size && Crc32.HashToUInt32(header) == Residue;

    /// <summary>
    /// Computes the FCS over all but the last four bytes of <paramref name="header"/>, stores it there
    /// little-endian and returns it.
    /// </summary>
    public static uint Write(Span<byte> header)
    {
        int covered = header.Length - Size;
        uint fcs = Crc32.HashToUInt32(header[..covered]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[covered..], fcs);
        return fcs;
    }
}
