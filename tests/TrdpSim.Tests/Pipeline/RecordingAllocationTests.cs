using TrdpSim.Recording;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Pipeline;

/// <summary>Allocation budget of the publish → send → receive → dispatch path while a recording taps every frame:
/// the send port's flush and the PD receive loop copy each frame into the recorder's ring, and that must cost
/// no allocation on those threads (the writer thread is the recorder's own).</summary>
/// <remarks>As <see cref="SteadyStateAllocationTests"/>, but the receive side goes through the loops' own
/// <c>Receive</c>/<c>Handle</c> (where the receive tap sits) instead of calling the dispatcher directly.</remarks>
public sealed class RecordingAllocationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"trdpsim-alloc-{Guid.NewGuid():N}.pcapng");

    public void Dispose() => File.Delete(_file);

    private const long Tick = SteadyStatePlans.Tick;

    [Fact]
    public void RecordingEveryFrameAllocatesNothingOnTheSendAndReceiveThreads()
    {
        var plan = SteadyStatePlans.PublisherAndSubscriber();

        var queue = new SendQueue();
        using var recorder = new FrameRecorder(new RecordingOptions { Path = _file });
        using var run = RunBuilder.Build(plan, new InMemoryUdpTransport(queueCapacity: 4096), queue, Tick, recorder);
        recorder.Start();
        var wheel = SteadyStatePlans.Start(run);

        var now = 0L;
        void Step(int ticks)
        {
            for (var t = 0; t < ticks; t++)
            {
                now += Tick;
                queue.BeforeAdvance(now); // the wheel driver's order: inboxes first, then the due timers
                var fired = wheel.Advance(now);
                queue.AfterTick(now, fired);
                // Indexed loops: foreach over IReadOnlyList<T> would box an enumerator per tick.
                for (var d = 0; d < run.Devices.Count; d++)
                {
                    var device = run.Devices[d];
                    for (var r = 0; r < device.PdLoops.Count; r++)
                    {
                        var loop = device.PdLoops[r];
                        int count;
                        while ((count = loop.Receive(0)) > 0)
                        {
                            loop.Handle(count, now);
                        }

                        device.Receivers[r].Dispatcher.Sweep(now);
                    }
                }
            }
        }

        Step(3000); // warm-up: JIT tiers, pools, dictionaries, histogram buckets
        var receivedBefore = TelemetryTotals.Received(run.Telemetry); // reading totals allocates: keep it outside the window
        var rounds = 0;
        var allocated = SteadyAllocation.Fewest(() =>
        {
            Step(2000);
            rounds++;
        });
        var received = (TelemetryTotals.Received(run.Telemetry) - receivedBefore) / rounds;

        Assert.True(received >= 19_000, $"only {received} telegrams went through the path");
        Assert.True(allocated == 0, $"{allocated} bytes allocated for {received} telegrams in steady state");
        Assert.Equal(0, run.Telemetry.Rejects.Total());
        recorder.Stop();
        var recording = recorder.Summary();
        Assert.True(recording.Frames + recording.Dropped >= 2 * received * rounds, $"{recording.Frames} recorded, {recording.Dropped} dropped");
        Assert.True(recording.Frames > 0);
    }
}
