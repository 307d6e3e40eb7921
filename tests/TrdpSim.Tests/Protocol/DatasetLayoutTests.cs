using System.Buffers.Binary;

namespace TrdpSim.Tests.Protocol;

public sealed class DatasetLayoutTests
{
    [Fact]
    public void FlattensNestedAndArrayFieldsWithOffsets()
    {
        DatasetCatalog catalog = DemoDatasets.Catalog();
        catalog.Add(new DatasetDefinition(3002, "fixed",
        [
            new("tag", TrdpDataType.Char8, 2), new("x", TrdpDataType.Real32), new("nested", 3001u, 2), new("inner", 3001u),
        ]));
        DatasetLayout layout = DatasetLayout.Create(catalog, 3002);

        Assert.Equal(2 + 4 + 3 + 3 + 3, layout.Size);
        Assert.Equal(
            ["tag[0]", "tag[1]", "x", "nested[0].a", "nested[0].b", "nested[1].a", "nested[1].b", "inner.a", "inner.b"],
            layout.Fields.Select(f => f.Path));
        Assert.True(layout.TryGetField("nested[1].a", out DatasetLayoutField field));
        Assert.Equal(new DatasetLayoutField("nested[1].a", TrdpDataType.UInt16, 9, -1), field);
        Assert.Equal(1, layout.Fields[1].ArrayIndex);
        Assert.Equal(-1, layout.IndexOf("missing"));
    }

    [Fact]
    public void RefusesVariableArrays()
    {
        Assert.False(DatasetLayout.TryCreate(DemoDatasets.Catalog(), 3000, out _, out string? error));
        Assert.Contains("list", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldWritesMatchTheMarshaller()
    {
        DatasetCatalog catalog = DemoDatasets.Catalog();
        catalog.Add(new DatasetDefinition(3003, "mix",
        [
            new("i16", TrdpDataType.Int16), new("u32", TrdpDataType.UInt32), new("r64", TrdpDataType.Real64),
            new("t48", TrdpDataType.TimeDate48), new("inner", 3001u),
        ]));
        DatasetLayout layout = DatasetLayout.Create(catalog, 3003);
        byte[] data = new byte[layout.Size];
        FieldWriter.WriteInteger(data.AsSpan(layout.Fields[0].Offset), TrdpDataType.Int16, -300);
        FieldWriter.WriteUnsigned(data.AsSpan(layout.Fields[1].Offset), TrdpDataType.UInt32, 0xDEADBEEF);
        FieldWriter.WriteReal(data.AsSpan(layout.Fields[2].Offset), TrdpDataType.Real64, -2.25);
        FieldWriter.WriteTimeDate(data.AsSpan(layout.Fields[3].Offset), TrdpDataType.TimeDate48, 0x65000001, 0x0203);
        FieldWriter.WriteInteger(data.AsSpan(layout.Fields[4].Offset), TrdpDataType.UInt16, 0xA1A2);
        FieldWriter.WriteInteger(data.AsSpan(layout.Fields[5].Offset), TrdpDataType.UInt8, 0xB1);

        DatasetValue value = new DatasetMarshaller(catalog).Unmarshal(3003, data);
        Assert.Equal(-300, value["i16"].AsInt64());
        Assert.Equal(0xDEADBEEFu, value["u32"].AsUInt64());
        Assert.Equal(-2.25, value["r64"].AsDouble());
        Assert.Equal(0x0203, value["t48"].Fraction);
        Assert.Equal(0xA1A2u, value["inner"]["a"].AsUInt64());
        Assert.Equal(-300, FieldReader.ReadInteger(data.AsSpan(layout.Fields[0].Offset), TrdpDataType.Int16));
    }

    [Theory]
    [InlineData(TrdpDataType.UInt8, 300L, 255L)]
    [InlineData(TrdpDataType.UInt8, -5L, 0L)]
    [InlineData(TrdpDataType.Int8, -500L, -128L)]
    [InlineData(TrdpDataType.UInt16, 70000L, 65535L)]
    [InlineData(TrdpDataType.Int32, long.MaxValue, int.MaxValue)]
    [InlineData(TrdpDataType.UInt64, -1L, 0L)]
    public void IntegerWritesSaturate(TrdpDataType type, long written, long read)
    {
        byte[] buffer = new byte[8];
        FieldWriter.WriteInteger(buffer, type, written);
        Assert.Equal(read, FieldReader.ReadInteger(buffer, type));
    }

    [Theory]
    [InlineData(TrdpDataType.Int16, 12.9, 12.0)]
    [InlineData(TrdpDataType.Int16, -12.9, -12.0)]
    [InlineData(TrdpDataType.UInt8, 1e9, 255.0)]
    [InlineData(TrdpDataType.Int32, double.NaN, 0.0)]
    [InlineData(TrdpDataType.Real32, 1.5, 1.5)]
    [InlineData(TrdpDataType.TimeDate64, 10.25, 10.25)]
    [InlineData(TrdpDataType.TimeDate48, 10.5, 10.5)]
    public void RealWritesTruncateAndSaturate(TrdpDataType type, double written, double read)
    {
        byte[] buffer = new byte[8];
        FieldWriter.WriteReal(buffer, type, written);
        Assert.Equal(read, FieldReader.ReadReal(buffer, type));
    }

    [Fact]
    public void IntegerWritesToRealsRoundOnce()
    {
        // 2^53 + 2^29 + 1 rounds up to 2^53 + 2^30 as a float; by way of a double it would round to 2^53 + 2^29
        // first and then, a tie, down to 2^53.
        const long written = (1L << 53) + (1L << 29) + 1;
        byte[] buffer = new byte[8];
        FieldWriter.WriteInteger(buffer, TrdpDataType.Real32, written);
        Assert.Equal((1L << 53) + (1L << 30), (long)BinaryPrimitives.ReadSingleBigEndian(buffer));

        FieldWriter.WriteUnsigned(buffer, TrdpDataType.Real32, written);
        Assert.Equal((1L << 53) + (1L << 30), (long)BinaryPrimitives.ReadSingleBigEndian(buffer));

        FieldWriter.WriteUnsigned(buffer, TrdpDataType.Real64, ulong.MaxValue);
        Assert.Equal(18446744073709551615.0, BinaryPrimitives.ReadDoubleBigEndian(buffer));
    }
}
