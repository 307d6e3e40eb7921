using System.Buffers.Binary;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// The 16-byte MD session identifier (a UUID, copied verbatim into every reply, confirm and error of a
/// session; all zero in 'Mn'). Immutable value with byte-wise equality.
/// </summary>
/// <remarks>Stored as two big-endian 64-bit halves so equality and hashing are two compares.</remarks>
internal readonly struct SessionId : IEquatable<SessionId>
{
    /// <summary>Size on the wire.</summary>
    public const int Size = 16;

    private readonly ulong _high;
    private readonly ulong _low;

    private SessionId(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>The all-zero id (used by 'Mn').</summary>
    public static SessionId Empty => default;

    /// <summary>True when all 16 bytes are zero.</summary>
    public bool IsEmpty => (_high | _low) == 0;

    /// <summary>Reads 16 bytes (wire order).</summary>
    public static SessionId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            ProtocolThrow.Argument("A session id needs 16 bytes.", nameof(bytes));
        }

        return new SessionId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>
    /// A random RFC 4122 version-4 UUID drawn from <paramref name="random"/> (seed it for reproducible runs).
    /// TCNopen uses time-based version-1 ids; receivers treat the value as opaque, so either interoperates.
    /// </summary>
    public static SessionId NewV4(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return NewV4(random, RandomHalf(random));
    }

    /// <summary>
    /// A version-4 UUID whose first half is drawn from <paramref name="random"/> and whose second half is
    /// <paramref name="tail"/> with the RFC 4122 variant bits set: like the clock sequence and node of TCNopen's
    /// version-1 ids, the same for every id of one issuer, so a reply names its issuer even after the session ended.
    /// </summary>
    public static SessionId NewV4(Random random, ulong tail)
    {
        ArgumentNullException.ThrowIfNull(random);
        ulong high = (RandomHalf(random) & 0xFFFF_FFFF_FFFF_0FFFUL) | 0x4000UL;
        return new SessionId(high, (tail & 0x3FFF_FFFF_FFFF_FFFFUL) | 0x8000_0000_0000_0000UL);
    }

    /// <summary>64 random bits (<see cref="Random.NextInt64()"/> leaves the top bit 0).</summary>
    private static ulong RandomHalf(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);

    /// <summary>The second half (bytes 8–15, big-endian): an issuer's tail (<see cref="NewV4(Random, ulong)"/>).</summary>
    public ulong Tail => _low;

    /// <summary>Parses 32 hex digits (as printed by <see cref="ToString"/>; dashes are ignored).</summary>
    public static SessionId Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        string digits = hex.Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length != Size * 2)
        {
            ProtocolThrow.Format($"A session id has 32 hex digits, got '{hex}'.");
        }

        return FromBytes(Convert.FromHexString(digits));
    }

    /// <summary>Writes the 16 bytes in wire order.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..Size], _low);
    }

    /// <inheritdoc/>
    public bool Equals(SessionId other) => _high == other._high && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SessionId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_high, _low);

    /// <summary>32 lowercase hex digits without dashes, as in the vector tables.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool operator ==(SessionId left, SessionId right) => left.Equals(right);

    public static bool operator !=(SessionId left, SessionId right) => !left.Equals(right);
}
