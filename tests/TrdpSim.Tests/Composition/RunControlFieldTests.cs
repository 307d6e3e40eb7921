namespace TrdpSim.Tests.Composition;

/// <summary><see cref="RunControl"/>: dataset fields set, locked against their generator, unlocked and read.</summary>
public sealed class RunControlFieldTests
{
    private static readonly ControlScope Client = ControlScope.Http("test");

    private static async Task<FieldReading> ReadOne(ControlHarness h, string telegram, string field, string? device = null)
    {
        var read = h.Control.ReadField(telegram, field, device);
        if (!read.IsCompleted)
        {
            h.Step();
        }

        var result = await read;
        Assert.True(result.IsApplied, result.Message);
        return Assert.Single(result.Value!);
    }

    [Fact]
    public async Task AReadDecodesThePublishedPayloadAndTheLastReceivedData()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var none = await ReadOne(h, "in", "count");
        Assert.False(none.HasValue);

        h.RunFor(TimeSpan.FromMilliseconds(55)); // six cycles: the counter wrote 0 … 5
        var published = await ReadOne(h, "out", "count");
        Assert.Equal(("A", "out", TelegramRole.Publish, TrdpDataType.UInt32), (published.Device, published.Telegram, published.Role, published.Type));
        Assert.Equal(5, published.Value);
        Assert.Equal("5", published.Text);
        Assert.True(published.Generated);
        Assert.False(published.Locked);

        var received = await ReadOne(h, "in", "count", "B");
        Assert.Equal(TelegramRole.Subscribe, received.Role);
        Assert.True(received.HasValue);
        Assert.Equal(5, received.Value);
        Assert.Equal(21.5, (await ReadOne(h, "in", "temp")).Value);
    }

    [Fact]
    public async Task AReadOfAPublicationIsAnsweredOnTheWheelThread()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var read = h.Control.ReadField("out", "count");
        Assert.False(read.IsCompleted);
        h.Step();
        Assert.True((await read).IsApplied);
    }

    [Theory]
    [InlineData("nope", "count", ControlOutcome.NotFound, "no telegram named 'nope'")]
    [InlineData("out", "nope", ControlOutcome.NotFound, "telegram 'out' has no field 'nope'")]
    [InlineData("in", "nope", ControlOutcome.NotFound, "telegram 'in' has no field 'nope'")]
    public async Task AReadOfAWrongNameSaysWhichName(string telegram, string field, ControlOutcome outcome, string message)
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var read = h.Control.ReadField(telegram, field);
        Assert.True(read.IsCompleted);
        var result = await read;
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public async Task ALockHoldsAValueAgainstTheGeneratorUntilUnlocked()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(25));
        Assert.True(h.Apply(h.Control.LockField(Client, "out", "count", 7)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(30));
        var locked = await ReadOne(h, "out", "count");
        Assert.Equal(7, locked.Value);
        Assert.True(locked.Locked);
        Assert.Equal(7, (await ReadOne(h, "in", "count")).Value);

        Assert.True(h.Apply(h.Control.UnlockField(Client, "out", "count")).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(10));
        var free = await ReadOne(h, "out", "count");
        Assert.False(free.Locked);
        Assert.Equal(6, free.Value); // the seventh cycle: the counter went on underneath the lock

        Assert.Equal(ControlOutcome.Conflict, h.Apply(h.Control.UnlockField(Client, "out", "count")).Outcome);
    }

    [Fact]
    public async Task ALockWithoutValueHoldsTheCurrentOne()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(35));
        var now = (await ReadOne(h, "out", "count")).Value;
        Assert.True(h.Apply(h.Control.LockField(Client, "out", "count")).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.Equal(now, (await ReadOne(h, "out", "count")).Value);
    }

    [Fact]
    public async Task AFieldWithoutGeneratorIsSetAndStays()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        Assert.True(h.Apply(h.Control.SetField(Client, "out", "speed", 88)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(30));
        Assert.Equal(88, (await ReadOne(h, "out", "speed")).Value);
        Assert.Equal(88, (await ReadOne(h, "in", "speed")).Value);
    }

    [Fact]
    public void LockAndSetRefuseTheWrongKindOfField()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var noGenerator = h.Control.LockField(Client, "out", "speed", 1).Refusal!.Value;
        Assert.Equal(ControlOutcome.Invalid, noGenerator.Outcome);
        Assert.Equal("telegram 'out' has no generator for field 'speed'", noGenerator.Message);

        var noField = h.Control.LockField(Client, "out", "nope", 1).Refusal!.Value;
        Assert.Equal(ControlOutcome.NotFound, noField.Outcome);
        Assert.StartsWith("telegram 'out' has no generator for field 'nope'", noField.Message, StringComparison.Ordinal);

        var generated = h.Control.SetField(Client, "out", "count", 1).Refusal!.Value;
        Assert.Equal(ControlOutcome.Invalid, generated.Outcome);
        Assert.Contains("lock it", generated.Message, StringComparison.Ordinal);

        Assert.Equal(ControlOutcome.Invalid, h.Control.SetField(Client, "out", "speed", double.PositiveInfinity).Refusal!.Value.Outcome);
        Assert.Equal(ControlOutcome.NotFound, h.Control.SetField(Client, "out", "nope", 1).Refusal!.Value.Outcome);
        Assert.Equal(0, h.Queued);
    }
}
