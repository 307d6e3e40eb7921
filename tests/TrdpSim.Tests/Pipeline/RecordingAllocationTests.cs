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

        void Receive(long now)
        {
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

        var (received, rounds) = SteadyStatePlans.AssertPathAllocatesNothing(run, queue, wheel, Receive);
        recorder.Stop();
        var recording = recorder.Summary();
        Assert.True(recording.Frames + recording.Dropped >= 2 * received * rounds, $"{recording.Frames} recorded, {recording.Dropped} dropped");
        Assert.True(recording.Frames > 0);
    }
}
