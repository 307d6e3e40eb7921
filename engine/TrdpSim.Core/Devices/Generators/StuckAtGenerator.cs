using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>A sensor that works, then freezes: a ramp from <c>min</c> to <c>max</c> by <c>step</c> for
/// <c>after</c> cycles, then <c>value</c> for ever.</summary>
internal sealed class StuckAtGenerator(string field, int offset, TrdpDataType type, double stuck, double min, double max, double step, long after)
    : FieldGenerator(field, offset, type)
{
    // The ramp starts at min and wraps back to it: kept as a field, since a parameter that initialises one cannot
    // also be captured.
    private readonly double _min = min;
    private double _live = min;
    private long _cycles;

    protected override double Next()
    {
        if (_cycles >= after)
        {
            return stuck;
        }

        _cycles++;
        var value = _live;
        _live = _live + step > max ? _min : _live + step;
        return value;
    }
}
