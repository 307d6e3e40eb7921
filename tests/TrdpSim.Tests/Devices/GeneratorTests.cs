using TrdpSim.Devices.Generators;

namespace TrdpSim.Tests.Devices;

public sealed class GeneratorTests
{
    [Fact]
    public void CounterWrapsAtTheFieldWidth()
    {
        var payload = new byte[4];
        var counter = new CounterGenerator("c", 1, TrdpDataType.UInt8, 254, 1);
        var seen = new List<byte>();
        for (var i = 0; i < 4; i++)
        {
            counter.Write(payload);
            seen.Add(payload[1]);
        }

        Assert.Equal([254, 255, 0, 1], seen);
        Assert.Equal(0, payload[0]);
    }

    [Fact]
    public void CounterWritesBigEndian()
    {
        var payload = new byte[4];
        new CounterGenerator("c", 0, TrdpDataType.UInt32, 0x01020304, 1).Write(payload);
        Assert.Equal([1, 2, 3, 4], payload);
    }

    [Fact]
    public void RampReturnsToMinAfterMax()
    {
        var payload = new byte[2];
        var ramp = new RampGenerator("r", 0, TrdpDataType.Int16, 0, 0, 30, 10);
        var seen = new List<short>();
        for (var i = 0; i < 6; i++)
        {
            ramp.Write(payload);
            seen.Add((short)((payload[0] << 8) | payload[1]));
        }

        Assert.Equal([0, 10, 20, 30, 0, 10], seen);
    }

    [Fact]
    public void SequenceRepeats()
    {
        var payload = new byte[1];
        var sequence = new SequenceGenerator("s", 0, TrdpDataType.UInt8, [3, 1, 2]);
        var seen = new List<byte>();
        for (var i = 0; i < 7; i++)
        {
            sequence.Write(payload);
            seen.Add(payload[0]);
        }

        Assert.Equal([3, 1, 2, 3, 1, 2, 3], seen);
    }

    [Fact]
    public void RandomIsDeterministicPerSeedAndWithinBounds()
    {
        byte[] Run(int seed)
        {
            var payload = new byte[1];
            var random = new RandomGenerator("x", 0, TrdpDataType.UInt8, 10, 20, seed);
            var values = new byte[200];
            for (var i = 0; i < values.Length; i++)
            {
                random.Write(payload);
                values[i] = payload[0];
            }

            return values;
        }

        var a = Run(42);
        Assert.Equal(a, Run(42));
        Assert.NotEqual(a, Run(43));
        Assert.All(a, v => Assert.InRange(v, (byte)10, (byte)20));
        Assert.Contains((byte)10, a);
        Assert.Contains((byte)20, a);
    }

    [Fact]
    public void OverridePinsTheValueStuckAt()
    {
        var payload = new byte[1];
        var counter = new CounterGenerator("c", 0, TrdpDataType.UInt8, 0, 1) { Override = 77 };
        counter.Write(payload);
        counter.Write(payload);
        Assert.Equal(77, payload[0]);
    }

    [Fact]
    public void RealFieldsGetIeeeBigEndian()
    {
        var payload = new byte[4];
        new ConstantGenerator("r", 0, TrdpDataType.Real32, 1.5).Write(payload);
        Assert.Equal([0x3F, 0xC0, 0x00, 0x00], payload);
    }
}
