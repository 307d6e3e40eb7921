using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>Always the same value.</summary>
internal sealed class ConstantGenerator(string field, int offset, TrdpDataType type, double value) : FieldGenerator(field, offset, type)
{
    /// <summary>The value written every cycle; runtime commands may change it.</summary>
    public double Value { get; set; } = value;

    protected override double Next() => Value;
}
