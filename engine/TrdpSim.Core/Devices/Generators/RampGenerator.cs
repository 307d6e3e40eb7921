using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>From <c>min</c> by <c>step</c> up to <c>max</c> (inclusive), then back to <c>min</c>.</summary>
internal sealed class RampGenerator : FieldGenerator
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _step;
    private double _next;

    public RampGenerator(string field, int offset, TrdpDataType type, double start, double min, double max, double step)
        : base(field, offset, type)
    {
        _min = min;
        _max = max;
        _step = step;
        _next = start < min || start > max ? min : start;
    }

    protected override double Next()
    {
        var value = _next;
        _next += _step;
        if (_next > _max || _next < _min)
        {
            _next = _step >= 0 ? _min : _max;
        }

        return value;
    }
}
