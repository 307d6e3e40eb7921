using System.Numerics;
using System.Runtime.CompilerServices;

namespace TrdpSim.Distributions;

/// <summary>
/// A small, fast, seeded pseudo-random generator: <b>xoshiro256**</b> 1.0 (Blackman and Vigna, "Scrambled
/// linear pseudorandom number generators", 2018; reference <c>xoshiro256starstar.c</c>), seeded through
/// <b>SplitMix64</b> as its authors recommend. Implemented from the published algorithm description.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> The output depends only on the seed and the sequence of calls: never on wall
/// clock, process, thread or platform. Streams are derived from a run seed and a stable name hash
/// (<see cref="ForStream(ulong, string)"/>), so adding a device does not shift the numbers of another.</para>
/// <para><b>Mutable struct.</b> Pass it by <c>ref</c> and keep it in a non-readonly field: a copy continues
/// the same sequence independently, and a <c>readonly</c> field would be defensively copied on every call,
/// silently repeating numbers. One instance belongs to one thread (no synchronisation).</para>
/// <para><b>Hot path.</b> No allocation, no exceptions. <see cref="NextGaussian"/> caches the second value of
/// each Marsaglia polar pair (as <c>java.util.Random.nextGaussian</c> does), so that cache is part of the state.</para>
/// <para>Period 2^256 − 1; xoshiro256** passes BigCrush and PractRand. The all-zero state is impossible
/// after SplitMix64 seeding (SplitMix64 is a bijection of a non-repeating counter).</para>
/// </remarks>
internal struct RandomStream
{
    private const double DoubleUnit = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpareGaussian;

    /// <summary>Creates a generator from a raw xoshiro256** state (for test vectors). The state must not be all zero.</summary>
    internal RandomStream(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
        _spareGaussian = 0;
        _hasSpareGaussian = false;
    }

    /// <summary>Creates a generator whose 256-bit state is filled by SplitMix64 starting from <paramref name="seed"/>.</summary>
    public static RandomStream Create(ulong seed)
    {
        ulong x = seed;
        return new RandomStream(SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x));
    }

    /// <summary>Derives the stream called <paramref name="streamName"/> of run <paramref name="runSeed"/>
    /// (e.g. <c>"replier/door-ctl/1201"</c>); the same pair always gives the same stream.</summary>
    public static RandomStream ForStream(ulong runSeed, string streamName) =>
        ForStream(runSeed, StableNameHash.Fnv1a64(streamName));

    /// <summary>Derives a stream from <paramref name="runSeed"/> and a precomputed
    /// <see cref="StableNameHash.Fnv1a64(string?)"/> of its name.</summary>
    /// <remarks>The run seed is scrambled by the SplitMix64 finaliser before the name hash is folded in, so
    /// run seeds 1, 2, 3 … and similar names still start far apart in the state space.</remarks>
    public static RandomStream ForStream(ulong runSeed, ulong nameHash)
    {
        ulong x = runSeed;
        ulong mixedRun = SplitMix64(ref x);
        return Create(mixedRun ^ nameHash);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits (every multiple of 2^-53 equally likely).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    /// <summary>A uniform double in (0, 1]: safe as the argument of <see cref="Math.Log(double)"/> and of
    /// negative powers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleExcludingZero() => ((NextUInt64() >> 11) + 1) * DoubleUnit;

    /// <summary>A standard normal variate (mean 0, standard deviation 1) by the Marsaglia polar method.</summary>
    /// <remarks>Each accepted pair yields two independent variates; the second is returned by the next call.
    /// The rejection loop runs 4/π ≈ 1.27 times on average.</remarks>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double m = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * m;
        _hasSpareGaussian = true;
        return u * m;
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): advances <paramref name="x"/> by the golden-ratio
    /// increment and returns the finalised value.</summary>
    internal static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
