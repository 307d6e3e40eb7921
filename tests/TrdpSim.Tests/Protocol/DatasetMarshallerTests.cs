using TrdpSim.Tests.Infrastructure;
using static TrdpSim.Protocol.Datasets.DatasetValue;

namespace TrdpSim.Tests.Protocol;

public sealed class DatasetMarshallerTests
{
    private static readonly byte[] Golden = Convert.FromHexString(DemoDatasets.GoldenHex);

    [Fact]
    public void GoldenVectorIs78Bytes()
    {
        Assert.Equal(78, Golden.Length);
    }

    [Fact]
    public void CatalogOfTheExampleIsValid()
    {
        Assert.Empty(DemoDatasets.Catalog().Validate());
    }

    [Fact]
    public void MarshalProducesTheGoldenVector()
    {
        var marshaller = new DatasetMarshaller(DemoDatasets.Catalog());
        byte[] bytes = marshaller.Marshal(3000, DemoDatasets.Values());
        Assert.Equal(Convert.ToHexStringLower(Golden), Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void UnmarshalGivesTheValuesBack()
    {
        var marshaller = new DatasetMarshaller(DemoDatasets.Catalog());
        MarshalStatus status = marshaller.TryUnmarshal(3000, Golden, out DatasetValue? value, out int consumed, out string? error);
        Assert.True(status == MarshalStatus.Ok, error);
        Assert.Equal(78, consumed);
        Assert.Equal(DemoDatasets.Values().ToString(), value!.ToString());
        Assert.Equal(DemoDatasets.Values(), value);
        Assert.Equal("TRDP", value["tag"].Text);
        Assert.Equal(-5_000_000_000, value["i64"].AsInt64());
        Assert.Equal(0xC1C2u, value["nested"][1]["a"].AsUInt64());
    }

    [Fact]
    public void MarshalledDatasetCaptureFrame1CarriesTheGoldenVector()
    {
        PcapPacket packet = TestVectors.Frame("pd-marshalled-dataset.pcap", 1);
        Assert.Equal(FrameCheck.Ok, PdFrame.TryDecode(packet.Payload, out PdHeader header));
        Assert.Equal(78u, header.DatasetLength);
        Assert.Equal(Golden, packet.Payload.AsSpan(PdFrame.HeaderSize, 78).ToArray());
        Assert.Equal([0, 0], packet.Payload[^2..]);
    }

    [Fact]
    public void ShortDataReportsMarshallingErrorInsteadOfThrowing()
    {
        var marshaller = new DatasetMarshaller(DemoDatasets.Catalog());
        for (int length = 0; length < Golden.Length; length++)
        {
            MarshalStatus status = marshaller.TryUnmarshal(3000, Golden.AsSpan(0, length), out DatasetValue? value, out _, out string? error);
            Assert.Equal(MarshalStatus.DataTooShort, status);
            Assert.Null(value);
            Assert.Contains("-50", error, StringComparison.Ordinal);
        }

        var exception = Assert.Throws<DatasetMarshalException>(() => marshaller.Unmarshal(3000, Golden.AsSpan(0, 10)));
        Assert.Equal(MarshalStatus.DataTooShort, exception.Status);
    }

    [Fact]
    public void VariableArrayCountComesFromPreviousElement()
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(4000, "var", [new("n", TrdpDataType.UInt8), new("items", TrdpDataType.Int16, 0)]));
        var marshaller = new DatasetMarshaller(catalog);
        byte[] bytes = marshaller.Marshal(4000, FromRecord(Field("n", FromUInt64(2)), Field("items", FromArray(FromInt64(-1), FromInt64(2)))));
        Assert.Equal(Convert.FromHexString("02ffff0002"), bytes);

        MarshalStatus mismatch = marshaller.TryMarshal(4000, FromRecord(Field("n", FromUInt64(3)), Field("items", FromArray(FromInt64(1)))), new byte[16], out _, out string? error);
        Assert.Equal(MarshalStatus.InvalidValue, mismatch);
        Assert.Contains("items", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeAndWrongKindValuesAreRejected()
    {
        var catalog = new DatasetCatalog();
        catalog.Add(new DatasetDefinition(4001, "s", [new("x", TrdpDataType.UInt8)]));
        var marshaller = new DatasetMarshaller(catalog);
        Assert.Equal(MarshalStatus.InvalidValue, marshaller.TryMarshal(4001, FromRecord(Field("x", FromInt64(256))), new byte[4], out _, out _));
        Assert.Equal(MarshalStatus.InvalidValue, marshaller.TryMarshal(4001, FromRecord(Field("x", FromDouble(1))), new byte[4], out _, out _));
        Assert.Equal(MarshalStatus.InvalidValue, marshaller.TryMarshal(4001, FromRecord(), new byte[4], out _, out _));
        Assert.Equal(MarshalStatus.DestinationTooSmall, marshaller.TryMarshal(4001, FromRecord(Field("x", FromInt64(1))), [], out _, out _));
        Assert.Equal(MarshalStatus.UnknownDataset, marshaller.TryMarshal(9, FromRecord(), new byte[4], out _, out _));
    }
}
