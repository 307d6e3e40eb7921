using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Devices.Generators;

/// <summary>Produces one dataset field's value each cycle and writes it into the payload in place.</summary>
/// <remarks>
/// One instance per field per publication instance, used by one thread: the wheel thread, or for a
/// pull-only publication the receive thread that answers its pulls; no allocation per
/// cycle. Values are computed as doubles and written with the field's wire type: integers are truncated
/// toward zero and then wrap to the field's width (so a counter on a UINT8 field runs 254, 255, 0, 1 …),
/// REAL fields get the value as is. <see cref="Override"/> lets runtime commands pin a value
/// (stuck-at) without replacing the generator.
/// </remarks>
internal abstract class FieldGenerator(string field, int offset, TrdpDataType type)
{
    /// <summary>Field path in the dataset.</summary>
    public string Field { get; } = field;

    /// <summary>Byte offset of the field inside the dataset.</summary>
    public int Offset { get; } = offset;

    public TrdpDataType Type { get; } = type;

    private volatile PinnedValue? _override;

    /// <summary>When set, written instead of the generated value (stuck-at); the generator keeps advancing.</summary>
    /// <remarks>Kept as one immutable object behind a volatile reference: a runtime command sets it on the wheel
    /// thread while a pull-only publication's generators run on a receive thread, and a <c>double?</c> field
    /// could be read half-written there. Setting it allocates, which a runtime command may.</remarks>
    public double? Override
    {
        get => _override?.Value;
        set => _override = value is { } pinned ? new PinnedValue(pinned) : null;
    }

    /// <summary>The value for the next cycle (advances the generator).</summary>
    protected abstract double Next();

    /// <summary>Advances the generator and writes the field into <paramref name="payload"/>.</summary>
    public void Write(Span<byte> payload)
    {
        var value = Next();
        if (_override is { } pinned)
        {
            value = pinned.Value;
        }

        WriteValue(payload[Offset..], Type, value);
    }

    /// <summary>Writes <paramref name="value"/> with the wire encoding of <paramref name="type"/>.</summary>
    public static void WriteValue(Span<byte> destination, TrdpDataType type, double value)
    {
        if (type is TrdpDataType.Real32 or TrdpDataType.Real64)
        {
            FieldWriter.WriteReal(destination, type, value);
            return;
        }

        // Saturate to the long range first so that huge doubles do not produce undefined casts, then
        // wrap to the field's width (FieldWriter itself saturates, which a counter must not do).
        var integer = value >= 9.2e18 ? long.MaxValue : value <= -9.2e18 ? long.MinValue : (long)value;
        var bits = type is TrdpDataType.TimeDate48 or TrdpDataType.TimeDate64 ? 32 : TrdpDataTypes.WireSize(type) * 8;
        if (bits < 64)
        {
            integer &= (1L << bits) - 1;
            if (TrdpDataTypes.IsSigned(type) && (integer & (1L << (bits - 1))) != 0)
            {
                integer -= 1L << bits;
            }
        }

        FieldWriter.WriteInteger(destination, type, integer);
    }

    private sealed record PinnedValue(double Value);
}
