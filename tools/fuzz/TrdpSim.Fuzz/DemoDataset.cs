using TrdpSim.Protocol.Datasets;

namespace TrdpSim.Fuzz;

/// <summary>The demo datasets of trdp-wire.md §10 (every type, a variable-length array counted by the element before
/// it, a nested dataset), whose marshaller reads the fuzzed PD payloads.</summary>
internal static class DemoDataset
{
    private static readonly DatasetMarshaller Marshaller = Create();

    /// <summary>Reads <paramref name="data"/> as dataset 3000: any outcome but an exception is fine.</summary>
    public static void Unmarshal(ReadOnlySpan<byte> data) => _ = Marshaller.TryUnmarshal(3000, data, out _, out _, out _);

    private static DatasetMarshaller Create()
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
        return new DatasetMarshaller(catalog);
    }
}
