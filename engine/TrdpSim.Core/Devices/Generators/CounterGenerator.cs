using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary><c>start</c>, <c>start + step</c>, … without bound; the field's width makes it wrap.</summary>
internal sealed class CounterGenerator(string field, int offset, TrdpDataType type, double start, double step) : FieldGenerator(field, offset, type)
{
    private double _next = start;

    protected override double Next()
    {
        var value = _next;
        _next += step;
        return value;
    }
}
