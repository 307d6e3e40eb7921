using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// The 32-byte user part of an MD source/destination URI: ASCII, zero-filled, not necessarily
/// NUL-terminated when all 32 characters are used (trdp-wire.md §4). Stored inline (no heap).
/// </summary>
/// <remarks>
/// <see cref="Equals(TrdpUri)"/> is exact byte equality; listener matching in TCNopen is
/// case-insensitive up to the first NUL, which is <see cref="EqualsIgnoreCase"/>.
/// </remarks>
[InlineArray(Size)]
internal struct TrdpUri : IEquatable<TrdpUri>
{
    /// <summary>Size on the wire.</summary>
    public const int Size = 32;

    private byte _element0;

    /// <summary>The empty (all-zero) URI.</summary>
    public static TrdpUri Empty => default;

    /// <summary>Number of characters before the first NUL (0…32).</summary>
    public readonly int Length
    {
        get
        {
            int index = Bytes.IndexOf((byte)0);
            return index < 0 ? Size : index;
        }
    }

    /// <summary>True when the first byte is NUL.</summary>
    public readonly bool IsEmpty => _element0 == 0;

    private readonly ReadOnlySpan<byte> Bytes =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _element0), Size);

    /// <summary>Builds a URI from an ASCII string of at most 32 characters; the rest is zero-filled.</summary>
    /// <exception cref="ArgumentException">Longer than 32 characters or not ASCII.</exception>
    public static TrdpUri FromString(string? value)
    {
        var uri = default(TrdpUri);
        if (string.IsNullOrEmpty(value))
        {
            return uri;
        }

        if (value.Length > Size)
        {
            ProtocolThrow.Argument($"A TRDP URI holds at most {Size} characters, got {value.Length}.", nameof(value));
        }

        Span<byte> bytes = uri;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '\0' or > '\x7F')
            {
                ProtocolThrow.Argument("A TRDP URI must be ASCII without NUL characters.", nameof(value));
            }

            bytes[i] = (byte)c;
        }

        return uri;
    }

    /// <summary>Copies 32 bytes from the wire.</summary>
    public static TrdpUri FromBytes(ReadOnlySpan<byte> source)
    {
        var uri = default(TrdpUri);
        source[..Size].CopyTo(uri);
        return uri;
    }

    /// <summary>Writes the 32 bytes in wire form.</summary>
    public readonly void CopyTo(Span<byte> destination) => Bytes.CopyTo(destination);

    /// <summary>ASCII-case-insensitive comparison up to the first NUL (TCNopen listener matching).</summary>
    public readonly bool EqualsIgnoreCase(in TrdpUri other)
    {
        ReadOnlySpan<byte> a = Bytes;
        ReadOnlySpan<byte> b = other.Bytes;
        for (int i = 0; i < Size; i++)
        {
            int x = a[i];
            int y = b[i];
            if (x != y && ToLowerAscii(x) != ToLowerAscii(y))
            {
                return false;
            }

            if (x == 0)
            {
                return true;
            }
        }

        return true;
    }

    private static int ToLowerAscii(int c) => (uint)(c - 'A') <= 'Z' - 'A' ? c | 0x20 : c;

    /// <inheritdoc/>
    public readonly bool Equals(TrdpUri other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is TrdpUri other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>The characters up to the first NUL (ASCII).</summary>
    public override readonly string ToString() => System.Text.Encoding.ASCII.GetString(Bytes[..Length]);

    public static bool operator ==(TrdpUri left, TrdpUri right) => left.Equals(right);

    public static bool operator !=(TrdpUri left, TrdpUri right) => !left.Equals(right);
}
