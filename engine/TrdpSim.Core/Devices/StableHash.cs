namespace TrdpSim.Devices;

/// <summary>FNV-1a hashing of names: the same inputs give the same seed in every process.</summary>
/// <remarks><c>string.GetHashCode</c> is randomised per process, which would make seeded runs differ.</remarks>
internal static class StableHash
{
    public static int Seed(ulong runSeed, string a, string b, int index, string c)
    {
        var hash = 14695981039346656037UL ^ runSeed;
        hash = Mix(hash, a);
        hash = Mix(hash, b);
        hash = (hash ^ (uint)index) * 1099511628211UL;
        hash = Mix(hash, c);
        return (int)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return (hash ^ 0xFF) * 1099511628211UL;
    }
}
