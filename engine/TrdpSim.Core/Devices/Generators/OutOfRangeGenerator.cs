using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>Values just outside the valid range [<c>min</c>, <c>max</c>]: <c>min − step</c> and
/// <c>max + step</c> in turn, to see whether the receiver checks plausibility.</summary>
/// <remarks>The values are written with the field's wire type like every generator's, so pick a range
/// inside the type's own (for a UINT8, <c>max + step</c> above 255 wraps).</remarks>
internal sealed class OutOfRangeGenerator(string field, int offset, TrdpDataType type, double min, double max, double step)
    : FieldGenerator(field, offset, type)
{
    private bool _high;

    protected override double Next()
    {
        _high = !_high;
        return _high ? max + step : min - step;
    }
}
