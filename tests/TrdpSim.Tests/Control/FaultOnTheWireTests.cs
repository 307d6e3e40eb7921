using System.Diagnostics;
using TrdpSim.Protocol;
using TrdpSim.Transport;
using static TrdpSim.Tests.Control.ControlServerHarness;

namespace TrdpSim.Tests.Control;

/// <summary>A fault injected over HTTP strikes the very next frame of its telegram (so within one cycle of the
/// answer), and its repair brings plain frames back just as fast.</summary>
/// <remarks>The observer stamps every frame of the publisher as it leaves. The injection is applied on the wheel
/// thread before the answer is sent, so every frame stamped after the answer must carry the fault: no timing
/// assumption, however loaded the machine. A <c>topo-change</c> fault is used because it is visible in every
/// frame it touches (the ETB topography counter in the header).</remarks>
public sealed class FaultOnTheWireTests
{
    private const uint Publisher = 0x0A090001; // 10.9.0.1 on the run's own in-memory network

    private readonly Lock _lock = new();
    private readonly List<(long Stamp, uint Topo)> _frames = [];

    private void Observe(Ip4Endpoint source, Ip4Endpoint destination, ReadOnlySpan<byte> payload)
    {
        if (source.Address == Publisher && PdFrame.TryDecode(payload, out var header) == FrameCheck.Ok)
        {
            var stamp = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                _frames.Add((stamp, header.EtbTopoCount));
            }
        }
    }

    private List<(long Stamp, uint Topo)> FramesAfter(long stamp)
    {
        lock (_lock)
        {
            return _frames.FindAll(f => f.Stamp > stamp);
        }
    }

    [Fact]
    public async Task EveryFrameAfterTheInjectAnswerCarriesTheFaultAndEveryFrameAfterTheRepairIsPlain()
    {
        await using var h = await StartAsync(Observe);
        var id = await h.StartRunAsync(h.Files.Pair(cycleMs: 10));
        await Task.Delay(100);
        Assert.All(FramesAfter(0), f => Assert.Equal(0u, f.Topo));

        var asked = Stopwatch.GetTimestamp();
        var (status, body) = await ReadAsync(h.Client.PostAsync($"/api/runs/{id}/faults",
            Json("""{"kind":"topo-change","name":"topo","telegram":"out","etb-topo-count":7}""")));
        var answered = Stopwatch.GetTimestamp();
        Assert.True(status == 201, body.ToString());
        await Task.Delay(150);
        var faulted = FramesAfter(answered);
        Assert.True(faulted.Count >= 5, $"{faulted.Count} frames in 150 ms at a 10 ms cycle");
        Assert.All(faulted, f => Assert.Equal(7u, f.Topo));
        var first = FramesAfter(asked).Find(f => f.Topo == 7);
        Assert.True(Stopwatch.GetElapsedTime(asked, first.Stamp) < TimeSpan.FromSeconds(1), "the fault reached the wire");

        (status, body) = await ReadAsync(h.Client.DeleteAsync($"/api/runs/{id}/faults/topo"));
        var repaired = Stopwatch.GetTimestamp();
        Assert.True(status == 200, body.ToString());
        await Task.Delay(150);
        var plain = FramesAfter(repaired);
        Assert.True(plain.Count >= 5, $"{plain.Count} frames in 150 ms at a 10 ms cycle");
        Assert.All(plain, f => Assert.Equal(0u, f.Topo));
    }
}
