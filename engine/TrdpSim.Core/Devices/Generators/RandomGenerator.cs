using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>Uniform in [min, max]; integer fields get whole numbers. Seeded: same seed, same values.</summary>
internal sealed class RandomGenerator(string field, int offset, TrdpDataType type, double min, double max, int seed) : FieldGenerator(field, offset, type)
{
    private readonly Random _random = new(seed);
    private readonly bool _integral = type is not (TrdpDataType.Real32 or TrdpDataType.Real64);

    protected override double Next()
    {
        if (_integral)
        {
            // NextInt64's upper bound is exclusive; +1 makes max reachable.
            return _random.NextInt64((long)Math.Ceiling(min), (long)Math.Floor(max) + 1);
        }

        return min + (_random.NextDouble() * (max - min));
    }
}
