using BenchmarkDotNet.Attributes;
using TrdpSim.Recording.Internal;
using TrdpSim.Transport;

namespace TrdpSim.Benchmarks.Recording;

/// <summary>
/// What a recording costs the sending and receiving threads, per frame: the tap copies each frame with its ends, time
/// and seam into the recorder's ring (<see cref="FrameRing.TryWrite"/>), the writer thread reads it back. Frames of
/// 104 bytes (a PD header and 64 bytes of data, as in <c>configs/load-10k.toml</c>), 1,024 per invocation.
/// <c>TapThenDrain</c>: the tap's write plus the writer's read of the same frames, an upper bound of the hot threads'
/// share (the whole-run CPU pairs of bench/recording/run.sh cannot resolve it). <c>CopyOnly</c> (baseline): copying the
/// frame into a buffer, the least any tap could cost.
/// </summary>
[MemoryDiagnoser]
public class RecordingTapBenchmarks
{
    private const int Frames = 1024;
    private const int FrameBytes = 104;

    private readonly Ip4Endpoint _source = new(0x7F000002, 17224);
    private readonly Ip4Endpoint _destination = new(0x7F000003, 17224);
    private FrameRing _ring = null!;
    private byte[] _frame = null!;
    private byte[] _copies = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ring = new FrameRing(16 << 20);
        _frame = new byte[FrameBytes];
        new Random(1).NextBytes(_frame);
        _copies = new byte[Frames * FrameBytes];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public int CopyOnly()
    {
        for (var i = 0; i < Frames; i++)
        {
            _frame.AsSpan().CopyTo(_copies.AsSpan(i * FrameBytes));
        }

        return _copies[FrameBytes];
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int TapThenDrain()
    {
        for (var i = 0; i < Frames; i++)
        {
            _ring.TryWrite(_frame, _source, _destination, i, 3);
        }

        var reader = new CountingReader();
        return _ring.Drain(ref reader, Frames);
    }

    private struct CountingReader : IFrameRecordReader
    {
        public long Bytes;

        public void Read(in FrameRecord record, ReadOnlySpan<byte> payload) => Bytes += payload.Length;
    }
}
