using static TrdpSim.Protocol.Datasets.DatasetValue;

namespace TrdpSim.Tests.Protocol;

/// <summary>Datasets 3000/3001 of trdp-wire.md §10 and the §9.3 values.</summary>
public static class DemoDatasets
{
    public const string GoldenHex =
        "01545244500" + "0e4fefed4fffeee90fffffffed5fa0e00ab1234deadbeef0102030405060708" +
        "3fc00000c0020000000000006500000065000001020365000002000f423f0003112233a1a2b1c1c2d1";

    public static DatasetCatalog Catalog()
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(3001, "inner", [new("a", TrdpDataType.UInt16), new("b", TrdpDataType.UInt8)]));
        catalog.Add(new DatasetDefinition(3000, "demo",
        [
            new("flag", TrdpDataType.Bool8), new("tag", TrdpDataType.Char8, 4), new("w", TrdpDataType.Utf16),
            new("i8", TrdpDataType.Int8), new("i16", TrdpDataType.Int16), new("i32", TrdpDataType.Int32),
            new("i64", TrdpDataType.Int64), new("u8", TrdpDataType.UInt8), new("u16", TrdpDataType.UInt16),
            new("u32", TrdpDataType.UInt32), new("u64", TrdpDataType.UInt64), new("r32", TrdpDataType.Real32),
            new("r64", TrdpDataType.Real64), new("t32", TrdpDataType.TimeDate32), new("t48", TrdpDataType.TimeDate48),
            new("t64", TrdpDataType.TimeDate64), new("n", TrdpDataType.UInt16), new("list", TrdpDataType.UInt8, 0),
            new("nested", 3001u, 2),
        ]));
        return catalog;
    }

    public static DatasetValue Values() => FromRecord(
        Field("flag", FromUInt64(1)),
        Field("tag", FromText("TRDP")),
        Field("w", FromUInt64(0x00E4)),
        Field("i8", FromInt64(-2)),
        Field("i16", FromInt64(-300)),
        Field("i32", FromInt64(-70000)),
        Field("i64", FromInt64(-5_000_000_000)),
        Field("u8", FromUInt64(0xAB)),
        Field("u16", FromUInt64(0x1234)),
        Field("u32", FromUInt64(0xDEADBEEF)),
        Field("u64", FromUInt64(0x0102030405060708)),
        Field("r32", FromDouble(1.5)),
        Field("r64", FromDouble(-2.25)),
        Field("t32", FromTimeDate(0x65000000)),
        Field("t48", FromTimeDate(0x65000001, 0x0203)),
        Field("t64", FromTimeDate(0x65000002, 999_999)),
        Field("n", FromUInt64(3)),
        Field("list", FromArray(FromUInt64(0x11), FromUInt64(0x22), FromUInt64(0x33))),
        Field("nested", FromArray(
            FromRecord(Field("a", FromUInt64(0xA1A2)), Field("b", FromUInt64(0xB1))),
            FromRecord(Field("a", FromUInt64(0xC1C2)), Field("b", FromUInt64(0xD1))))));
}
