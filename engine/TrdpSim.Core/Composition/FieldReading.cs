using System.Globalization;
using TrdpSim.Protocol.Datasets;
using TrdpSim.Telemetry;

namespace TrdpSim.Composition;

/// <summary>One dataset field of one telegram instance, as <see cref="RunControl.ReadField"/> found it.</summary>
/// <param name="Device">The device the telegram belongs to.</param>
/// <param name="Telegram">The telegram instance (<c>name</c> or <c>name#i</c>).</param>
/// <param name="Role">Publish (the payload of its last cycle) or subscribe (the last data received).</param>
/// <param name="Field">The field's path in the dataset.</param>
/// <param name="Type">Its wire type.</param>
/// <param name="HasValue">False for a subscription that has received nothing yet.</param>
/// <param name="Value">The value as a number (TIMEDATE48/64 with their fraction).</param>
/// <param name="Text">The value exactly as text: integers in full (a UINT64 beyond 2^53 too), reals round-trip.</param>
/// <param name="Generated">Whether a generator writes the field every cycle (publications).</param>
/// <param name="Locked">Whether the field is held against its generator.</param>
public readonly record struct FieldReading(string Device, string Telegram, TelegramRole Role, string Field, TrdpDataType Type,
    bool HasValue, double Value, string Text, bool Generated, bool Locked)
{
    /// <summary>Decodes the field at the start of <paramref name="source"/>.</summary>
    internal static (double Value, string Text) Decode(ReadOnlySpan<byte> source, TrdpDataType type)
    {
        switch (type)
        {
            case TrdpDataType.Real32:
            case TrdpDataType.Real64:
            case TrdpDataType.TimeDate48:
            case TrdpDataType.TimeDate64:
                var real = FieldReader.ReadReal(source, type);
                return (real, real.ToString("R", CultureInfo.InvariantCulture));
            case TrdpDataType.UInt64:
                var unsigned = FieldReader.ReadUnsigned(source, type);
                return (unsigned, unsigned.ToString(CultureInfo.InvariantCulture));
            default:
                var integer = FieldReader.ReadInteger(source, type);
                return (integer, integer.ToString(CultureInfo.InvariantCulture));
        }
    }
}
