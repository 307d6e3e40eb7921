namespace TrdpSim.Tests.Configuration;

/// <summary><c>[engine]</c>: the wait and its grid, real-time scheduling, memory locking, CPU affinity and the stall rules.</summary>
public sealed class EngineSectionTests
{
    [Fact]
    public void EveryKeyIsBound()
    {
        var result = TomlPlanLoader.Load("""
            [engine]
            wait = "precision"
            wheel-tick = "50us"
            send-grid = "500us"
            spin-window = "40us"
            receive-interval = "0"
            segment-sends = "off"
            receive-buffer-bytes = 33554432
            realtime = "fifo"
            realtime-priority = 20
            realtime-receive = true
            lock-memory = true
            wheel-cpus = [1]
            receive-cpus = "0,2-3"
            stall-threshold = "10ms"
            stalls-in-verdicts = true
            full-collection-every = "10m"
            """, "e.toml");
        Assert.True(result.Success, result.FormatErrors());
        var plan = result.Plan!;
        Assert.Equal(WaitMode.Precision, plan.Network.Wait);
        Assert.Equal(TimeSpan.FromMicroseconds(50), plan.Network.WheelTick);
        var engine = plan.Engine;
        Assert.Equal(TimeSpan.FromMicroseconds(500), engine.SendGrid);
        Assert.Equal(TimeSpan.FromMicroseconds(40), engine.SpinWindow);
        Assert.Equal(TimeSpan.Zero, engine.ReceiveInterval);
        Assert.Equal(SendSegmentation.Off, engine.SegmentSends);
        Assert.Equal(32 << 20, engine.ReceiveBufferBytes);
        Assert.Equal(RealtimePolicy.Fifo, engine.Realtime);
        Assert.Equal(20, engine.RealtimePriority);
        Assert.True(engine.RealtimeReceive);
        Assert.True(engine.LockMemory);
        Assert.Equal([1], engine.WheelCpus);
        Assert.Equal([0, 2, 3], engine.ReceiveCpus);
        Assert.Equal(TimeSpan.FromMilliseconds(10), engine.StallThreshold);
        Assert.True(engine.StallsInVerdicts);
        Assert.Equal(TimeSpan.FromMinutes(10), engine.FullCollectionEvery);
    }

    [Fact]
    public void TheDefaultIsTheEfficientWaitOnAOneMillisecondGridWithAMeasuredSpinWindowAndAOneMillisecondReceiveInterval()
    {
        var plan = new RunPlan();
        Assert.Equal(WaitMode.Efficient, plan.Network.Wait);
        Assert.Null(plan.Engine.SpinWindow);
        Assert.Equal(RealtimePolicy.Off, plan.Engine.Realtime);
        Assert.False(plan.Engine.StallsInVerdicts);
        Assert.Equal(TimeSpan.FromMilliseconds(5), plan.Engine.StallThreshold);
        Assert.Null(plan.Engine.FullCollectionEvery);
        Assert.Null(plan.Engine.ReceiveInterval);
        Assert.Equal(SendSegmentation.Auto, plan.Engine.SegmentSends);
        Assert.Equal(4 << 20, plan.Engine.ReceiveBufferBytes);
        Assert.Equal(UdpSegmentation.WhileUncaptured, EngineSetup.Segmentation(plan.Engine.SegmentSends));
        Assert.Equal(1_000_000, EngineSetup.Threads(plan.Engine).ReceiveIntervalNanoseconds);
        Assert.Equal(1_000_000, EngineSetup.SendGridNanoseconds(plan.Engine, WaitMode.Efficient, 100_000));
        Assert.Equal(100_000, EngineSetup.SendGridNanoseconds(plan.Engine, WaitMode.Precision, 100_000));
        Assert.Equal(4096, EngineSetup.MaxIdleTicks(WaitMode.Efficient, 4096));
        Assert.Equal(1, EngineSetup.MaxIdleTicks(WaitMode.Precision, 4096));
    }

    [Fact]
    public void RealtimeSchedulingDefaultsToATwoTickGridAndAHalfMillisecondReceiveInterval()
    {
        var engine = new EnginePlan { Realtime = RealtimePolicy.Fifo };
        Assert.Equal(200_000, EngineSetup.SendGridNanoseconds(engine, WaitMode.Efficient, 100_000));
        Assert.Equal(500_000, EngineSetup.Threads(engine).ReceiveIntervalNanoseconds);

        // What the plan sets wins.
        engine.SendGrid = TimeSpan.FromMilliseconds(2);
        engine.ReceiveInterval = TimeSpan.Zero;
        Assert.Equal(2_000_000, EngineSetup.SendGridNanoseconds(engine, WaitMode.Efficient, 100_000));
        Assert.Equal(0, EngineSetup.Threads(engine).ReceiveIntervalNanoseconds);
    }

    [Fact]
    public void TheSendGridIsAWholeNumberOfTicksAndNeverFinerThanOne()
    {
        var engine = new EnginePlan { SendGrid = TimeSpan.FromMicroseconds(250) };
        Assert.Equal(200_000, EngineSetup.SendGridNanoseconds(engine, WaitMode.Efficient, 100_000));
        engine.SendGrid = TimeSpan.FromMicroseconds(10);
        Assert.Equal(100_000, EngineSetup.SendGridNanoseconds(engine, WaitMode.Efficient, 100_000));
    }

    [Fact]
    public void AutoMeansAMeasuredSpinWindow()
    {
        var result = TomlPlanLoader.Load("[engine]\nspin-window = \"auto\"\n", "e.toml");
        Assert.True(result.Success, result.FormatErrors());
        Assert.Null(result.Plan!.Engine.SpinWindow);
    }

    [Theory]
    [InlineData("[engine]\nrealtime = \"deadline\"\n", 2, "'realtime': unknown value \"deadline\" (expected \"off\", \"fifo\", \"rr\")")]
    [InlineData("[engine]\nsegment-sends = true\n", 2, "'segment-sends'")]
    [InlineData("[engine]\nsegment-sends = \"gso\"\n", 2, "'segment-sends': unknown value \"gso\" (expected \"auto\", \"on\", \"off\")")]
    [InlineData("[engine]\nrealtime-priority = 100\n", 2, "'realtime-priority'")]
    [InlineData("[engine]\nreceive-buffer-bytes = 4096\n", 2, "'receive-buffer-bytes'")]
    [InlineData("[engine]\nreceive-buffer-bytes = 2147483647\n", 2, "'receive-buffer-bytes'")]
    [InlineData("[engine]\nreceive-buffer-bytes = \"8MiB\"\n", 2, "'receive-buffer-bytes'")]
    [InlineData("[engine]\nwheel-cpus = \"1-\"\n", 2, "'wheel-cpus': '1-' is not a CPU number")]
    [InlineData("[engine]\nreceive-cpus = [1.5]\n", 2, "'receive-cpus': 1.5 is not a CPU number")]
    [InlineData("[engine]\nspin-window = \"5ms\"\n", 2, "'spin-window' must be \"auto\" or a duration from 0 to 1ms")]
    [InlineData("[engine]\nstall-threshold = \"1us\"\n", 2, "'stall-threshold' must be between 100us and 10s")]
    [InlineData("[engine]\nsend-grid = \"1s\"\n", 2, "'send-grid' must be between 1us and 100ms")]
    [InlineData("[engine]\nreceive-interval = \"20ms\"\n", 2, "'receive-interval' must be a duration from 0 to 10ms, not \"20ms\"")]
    [InlineData("[engine]\nfull-collection-every = \"30s\"\n", 2, "'full-collection-every' must be between 1m and 24h")]
    [InlineData("[engine]\nspinning = true\n", 2, "spinning")]
    [InlineData("[network]\nwait = \"sleep\"\n[engine]\nwait = \"efficient\"\n", 4, "'wait' is set in [network] too")]
    public void BadValuesAreReportedAtTheirKey(string toml, int line, string fragment)
    {
        // Read as every front end's plan is: the reader's errors and the validator's (the ranges are its).
        var result = TomlPlanLoader.Load(toml, "e.toml").Validated();
        Assert.False(result.Success);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.Equal(line, error.Location.Line);
    }

    [Fact]
    public void NetworkStillTakesTheWaitAndTickOfOlderFiles()
    {
        var result = TomlPlanLoader.Load("[network]\nwait = \"hybrid\"\nwheel-tick = \"1ms\"\n", "n.toml");
        Assert.True(result.Success, result.FormatErrors());
        Assert.Equal(WaitMode.Hybrid, result.Plan!.Network.Wait);
        Assert.Equal(TimeSpan.FromMilliseconds(1), result.Plan.Network.WheelTick);
    }
}
