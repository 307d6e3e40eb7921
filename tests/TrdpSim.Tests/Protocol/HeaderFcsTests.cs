namespace TrdpSim.Tests.Protocol;

/// <summary>The worked FCS vectors of trdp-wire.md §6.</summary>
public sealed class HeaderFcsTests
{
    [Fact]
    public void Crc32CheckValue()
    {
        Assert.Equal(0xCBF43926u, HeaderFcs.Compute("123456789"u8));
    }

    [Theory]
    [InlineData("00000000010050640000 03e8 0000000000000000 00000018 000000000000000000000000", 0x920FD217u)]
    [InlineData("00000001010050640000 03e8 0000000000000000 00000018 000000000000000000000000", 0xA4FD42E4u)]
    [InlineData("00000000010050720000 07d0 0000000000000000 00000000 00000000000007d07f000002", 0xCCA608E0u)]
    [InlineData("00000000010050640000 03e9 0000000000000000 00000000 000000000000000000000000", 0xD98037AEu)]
    public void PdWorkedVectors(string hex, uint crc)
    {
        byte[] covered = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal(36, covered.Length);
        Assert.Equal(crc, HeaderFcs.Compute(covered));

        byte[] header = [.. covered, 0, 0, 0, 0];
        HeaderFcs.Write(header);
        Assert.True(HeaderFcs.Verify(header));
        Assert.True(HeaderFcs.VerifyByResidue(header));
        Assert.Equal(crc, BitConverter.ToUInt32(header, 36)); // little-endian on the wire
    }

    [Fact]
    public void MdNotifyVector()
    {
        byte[] covered = new byte[112];
        Convert.FromHexString("000000000100 4d6e 000003e9 0000000000000000 0000000d".Replace(" ", string.Empty, StringComparison.Ordinal)).CopyTo(covered, 0);
        Assert.Equal(0x72A41F4Cu, HeaderFcs.Compute(covered));
    }

    [Fact]
    public void MdConfirmVectorBuiltThroughTheCodec()
    {
        var header = new MdHeader
        {
            MessageType = TrdpMessageType.Mc,
            SessionId = SessionId.Parse("75af755ee7a411f1843903967e5bf75b"),
            DestinationUri = TrdpUri.FromString("test_mdSingle"),
        };
        byte[] frame = new byte[MdFrame.HeaderSize];
        Assert.Equal(0x0E542FCDu, MdFrame.WriteHeader(frame, header));
        Assert.Equal(Convert.FromHexString("cd2f540e"), frame[112..]);
    }

    [Fact]
    public void VerifyRejectsAFlippedBit()
    {
        byte[] header = new byte[40];
        HeaderFcs.Write(header);
        header[3] ^= 0x10;
        Assert.False(HeaderFcs.Verify(header));
        Assert.False(HeaderFcs.VerifyByResidue(header));
    }
}
