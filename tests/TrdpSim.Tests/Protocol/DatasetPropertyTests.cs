using CsCheck;
using static TrdpSim.Protocol.Datasets.DatasetValue;

namespace TrdpSim.Tests.Protocol;

/// <summary>Properties of the dataset marshaller over random values of every TRDP type (the demo datasets of
/// trdp-wire.md §10): what is marshalled unmarshals to the same values and length, and no byte string — cut,
/// flipped or random — makes unmarshalling throw.</summary>
public sealed class DatasetPropertyTests
{
    private static readonly DatasetMarshaller Marshaller = new(DemoDatasets.Catalog());

    private static readonly Gen<DatasetValue> GenNested =
        Gen.Select(Gen.UInt[0, ushort.MaxValue], Gen.UInt[0, byte.MaxValue])
            .Select((a, b) => FromRecord(Field("a", FromUInt64(a)), Field("b", FromUInt64(b))));

    private static readonly Gen<DatasetValue> GenDemo =
        Gen.Select(
            Gen.Select(Gen.Bool, Gen.Char['A', 'Z'].Array[4], Gen.UInt[0, 0xD7FF], Gen.Int[sbyte.MinValue, sbyte.MaxValue], Gen.Int[short.MinValue, short.MaxValue], Gen.Int, Gen.Long),
            Gen.Select(Gen.UInt[0, byte.MaxValue], Gen.UInt[0, ushort.MaxValue], Gen.UInt, Gen.ULong, Gen.Float, Gen.Double),
            Gen.Select(Gen.UInt, Gen.UInt, Gen.Int[0, ushort.MaxValue], Gen.UInt, Gen.Int[0, 999_999], Gen.Byte.Array[0, 40], GenNested.Array[2]))
        .Where((p, n, t) => float.IsFinite(n.Item5) && double.IsFinite(n.Item6))
        .Select((p, n, t) => FromRecord(
            Field("flag", FromBoolean(p.Item1)),
            Field("tag", FromText(new string(p.Item2))),
            Field("w", FromUInt64(p.Item3)),
            Field("i8", FromInt64(p.Item4)),
            Field("i16", FromInt64(p.Item5)),
            Field("i32", FromInt64(p.Item6)),
            Field("i64", FromInt64(p.Item7)),
            Field("u8", FromUInt64(n.Item1)),
            Field("u16", FromUInt64(n.Item2)),
            Field("u32", FromUInt64(n.Item3)),
            Field("u64", FromUInt64(n.Item4)),
            Field("r32", FromDouble(n.Item5)),
            Field("r64", FromDouble(n.Item6)),
            Field("t32", FromTimeDate(t.Item1)),
            Field("t48", FromTimeDate(t.Item2, t.Item3)),
            Field("t64", FromTimeDate(t.Item4, t.Item5)),
            Field("n", FromUInt64((ulong)t.Item6.Length)),
            Field("list", FromArray(t.Item6.Select(b => FromUInt64(b)))),
            Field("nested", FromArray(t.Item7))));

    [Fact]
    public void MarshalledDatasetsUnmarshalToTheSameValues()
    {
        GenDemo.Sample(value =>
        {
            var bytes = Marshaller.Marshal(3000, value);
            Assert.Equal(MarshalStatus.Ok, Marshaller.TryUnmarshal(3000, bytes, out var back, out var consumed, out var error));
            Assert.True(error is null, error);
            Assert.Equal(bytes.Length, consumed);
            Assert.Equal(value, back);
            Assert.Equal(bytes, Marshaller.Marshal(3000, back!));
        });
    }

    [Fact]
    public void CutFlippedOrRandomBytesNeverMakeUnmarshallingThrow()
    {
        Gen.Select(GenDemo, Gen.Int[0, 200], Gen.Byte[1, 255], Gen.Int[0, 200]).Sample((value, position, flip, cut) =>
        {
            var bytes = Marshaller.Marshal(3000, value);
            if (position < bytes.Length)
            {
                bytes[position] ^= flip;
            }

            var status = Marshaller.TryUnmarshal(3000, bytes.AsSpan(0, Math.Min(cut, bytes.Length)), out _, out _, out _);
            Assert.True(Enum.IsDefined(status));
        });
        Gen.Byte.Array[0, 300].Sample(bytes => Assert.True(Enum.IsDefined(Marshaller.TryUnmarshal(3000, bytes, out _, out _, out _))));
    }
}
