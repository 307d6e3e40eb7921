using System.Text;

namespace TrdpSim.Distributions;

/// <summary>64-bit FNV-1a over the UTF-8 bytes of a name: a hash that is the same in every process,
/// on every platform and in every .NET version.</summary>
/// <remarks>
/// <para><c>string.GetHashCode</c> is randomised per process, so it must never feed a seed: two runs with
/// the same run seed would diverge. FNV-1a (Fowler–Noll–Vo, offset basis <c>0xcbf29ce484222325</c>, prime
/// <c>0x100000001b3</c>) is not a cryptographic hash; it only has to separate stream names well enough for
/// <see cref="RandomStream.ForStream(ulong, string)"/>, which mixes it further through SplitMix64.</para>
/// <para>Hashing the UTF-8 encoding (not UTF-16 code units) makes the value match the published test
/// vectors and any other implementation of FNV-1a over text. Unpaired surrogates hash as U+FFFD.</para>
/// </remarks>
internal static class StableNameHash
{
    /// <summary>FNV-1a 64-bit offset basis.</summary>
    public const ulong OffsetBasis = 0xcbf29ce484222325UL;

    /// <summary>FNV-1a 64-bit prime.</summary>
    public const ulong Prime = 0x100000001b3UL;

    /// <summary>Hashes <paramref name="name"/> (null hashes like the empty string). Does not allocate.</summary>
    public static ulong Fnv1a64(string? name) => Fnv1a64(name.AsSpan());

    /// <summary>Hashes the UTF-8 encoding of <paramref name="name"/>. Does not allocate.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<char> name)
    {
        ulong hash = OffsetBasis;
        Span<byte> utf8 = stackalloc byte[4];
        int index = 0;
        while (index < name.Length)
        {
            if (Rune.DecodeFromUtf16(name[index..], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            index += consumed;
            int written = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < written; i++)
            {
                hash = (hash ^ utf8[i]) * Prime;
            }
        }

        return hash;
    }

    /// <summary>Hashes raw bytes.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<byte> bytes)
    {
        ulong hash = OffsetBasis;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
