namespace TrdpSim.Tests.Protocol;

public sealed class ProtocolTypeTests
{
    [Fact]
    public void MessageTypeClasses()
    {
        Assert.True(TrdpMessageType.Pe.IsPd());
        Assert.False(TrdpMessageType.Pe.IsMd());
        Assert.True(TrdpMessageType.Me.IsMd());
        Assert.False(((TrdpMessageType)0x4D78).IsMd());
        Assert.Equal("Mq", TrdpMessageType.Mq.ToMnemonic());
    }

    [Fact]
    public void Padding()
    {
        Assert.Equal([0, 4, 4, 16, 20, 24, 80], new[] { 0, 1, 4, 13, 17, 23, 78 }.Select(PdFrame.PaddedLength));
    }

    [Fact]
    public void UriRules()
    {
        TrdpUri uri = TrdpUri.FromString("test_mdSingle");
        Assert.Equal("test_mdSingle", uri.ToString());
        Assert.Equal(13, uri.Length);
        Assert.True(uri.EqualsIgnoreCase(TrdpUri.FromString("TEST_MDsingle")));
        Assert.False(uri.EqualsIgnoreCase(TrdpUri.FromString("test_mdSingle2")));
        Assert.NotEqual(uri, TrdpUri.FromString("TEST_MDsingle"));
        TrdpUri full = TrdpUri.FromString(new string('x', 32));
        Assert.Equal(32, full.ToString().Length);
        Assert.Throws<ArgumentException>(() => TrdpUri.FromString(new string('x', 33)));
        Assert.Throws<ArgumentException>(() => TrdpUri.FromString("é"));
        Assert.True(TrdpUri.Empty.IsEmpty);
    }

    [Fact]
    public void SessionIdRules()
    {
        var random = new Random(42);
        SessionId a = SessionId.NewV4(random);
        Assert.Equal(4, Convert.FromHexString(a.ToString())[6] >> 4);
        Assert.Equal(a, SessionId.Parse(a.ToString()));
        Assert.NotEqual(a, SessionId.NewV4(random));
        Assert.True(SessionId.Empty.IsEmpty);
        Assert.Equal(new string('0', 32), SessionId.Empty.ToString());
        Assert.Equal(a.GetHashCode(), SessionId.Parse(a.ToString()).GetHashCode());
    }

    [Fact]
    public void ReplyStatusNames()
    {
        Assert.Equal("no_replier", ReplyStatus.GetName(ReplyStatus.NoReplier));
        Assert.Equal("user_status", ReplyStatus.GetName(5));
    }
}
