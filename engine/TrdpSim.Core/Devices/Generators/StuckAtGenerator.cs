using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>A sensor that works, then freezes: a ramp from <c>min</c> to <c>max</c> by <c>step</c> for
/// <c>after</c> cycles, then <c>value</c> for ever.</summary>
internal sealed class StuckAtGenerator : FieldGenerator
{
    private readonly double _stuck;
    private readonly double _min;
    private readonly double _max;
    private readonly double _step;
    private readonly long _after;
    private double _live;
    private long _cycles;

    public StuckAtGenerator(string field, int offset, TrdpDataType type, double stuck, double min, double max, double step, long after)
        : base(field, offset, type)
    {
        _stuck = stuck;
        _min = min;
        _max = max;
        _step = step;
        _after = after;
        _live = min;
    }

    protected override double Next()
    {
        if (_cycles >= _after)
        {
            return _stuck;
        }

        _cycles++;
        var value = _live;
        _live = _live + _step > _max ? _min : _live + _step;
        return value;
    }
}
