using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>The listed values one per cycle, repeating.</summary>
internal sealed class SequenceGenerator(string field, int offset, TrdpDataType type, double[] values) : FieldGenerator(field, offset, type)
{
    private int _index;

    protected override double Next()
    {
        var value = values[_index];
        _index = _index + 1 == values.Length ? 0 : _index + 1;
        return value;
    }
}
