namespace TrdpSim.Tests.Telemetry;

/// <summary>CPU as a figure: per-thread time read from /proc and classified by thread name, the machine's busy and
/// steal time, and the window between two samples.</summary>
public sealed class CpuSampleTests
{
    [Theory]
    [InlineData("trdpsim-wheel", CpuConsumer.Wheel)]
    [InlineData("trdpsim-rx-A", CpuConsumer.Receive)]
    [InlineData("trdpsim-md-B-md", CpuConsumer.Receive)]
    [InlineData("trdpsim-scenari", CpuConsumer.Scripts)] // "trdpsim-scenario" cut to 15 characters by the kernel
    [InlineData(".NET TP Worker", CpuConsumer.Http)]
    [InlineData(".NET Sockets", CpuConsumer.Http)]
    [InlineData(".NET Finalizer", CpuConsumer.Other)]
    [InlineData("trdpsim-thresho", CpuConsumer.Other)]
    [InlineData("trdpsim-capture", CpuConsumer.Capture)]
    [InlineData("trdpsim-recorder", CpuConsumer.Other)] // the run store's writer, not a frame recording
    public void ThreadsAreClassifiedByName(string name, CpuConsumer expected) =>
        Assert.Equal(expected, CpuSample.Classify(name));

    [Fact]
    public void SchedstatGivesTimeOnTheCpuAndTimeWaitingForOne()
    {
        Assert.True(CpuSample.TryParseSchedstat("123456789 2345 67\n", out var onCpu, out var waiting));
        Assert.Equal(123456789, onCpu);
        Assert.Equal(2345, waiting);
        Assert.False(CpuSample.TryParseSchedstat("garbage", out _, out _));
    }

    [Fact]
    public void ProcStatGivesBusyStealAndTotalTime()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice, in 10 ms ticks
        Assert.True(CpuSample.TryParseProcStat("cpu  100 0 50 800 10 5 5 30 0 0", out var busy, out var steal, out var total));
        Assert.Equal(1_000 * 10_000_000L, total);
        Assert.Equal(300_000_000L, steal);
        Assert.Equal(160 * 10_000_000L, busy);
        Assert.False(CpuSample.TryParseProcStat("cpu0 1 2 3", out _, out _, out _));
    }

    [Fact]
    public void AThreadNamedLikeTheWheelShowsItsCpuTimeUnderTheWheel()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var before = CpuSample.Take();
        var thread = new Thread(() =>
        {
            var end = DateTime.UtcNow.AddMilliseconds(300);
            while (DateTime.UtcNow < end)
            {
                Thread.SpinWait(100);
            }

            Thread.Sleep(1_000); // stay alive (a thread's time is read while it lives)
        }) { IsBackground = true, Name = "trdpsim-wheel" };
        thread.Start();
        Thread.Sleep(500);
        var after = CpuSample.Take();
        var usage = CpuUsage.Between(before, after);

        // At least some of the spin (the machine is shared: the thread may get a fraction of a core).
        Assert.True(usage.ConsumerNanoseconds[(int)CpuConsumer.Wheel] >= 10_000_000,
            $"wheel {usage.ConsumerNanoseconds[(int)CpuConsumer.Wheel]} ns");
        Assert.True(usage.ProcessNanoseconds >= usage.ConsumerNanoseconds[(int)CpuConsumer.Wheel]);
        Assert.True(usage.Seconds > 0.3);
        Assert.True(usage.ProcessPercentOfCore > 2);
        Assert.True(after.MachineTotalNanoseconds > 0);
        thread.Join();
    }
}
