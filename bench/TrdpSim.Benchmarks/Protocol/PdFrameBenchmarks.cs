using BenchmarkDotNet.Attributes;
using TrdpSim.Protocol;

namespace TrdpSim.Benchmarks.Protocol;

/// <summary>
/// PD codec hot path: full encode of a 24-byte and a 1432-byte dataset, the per-cycle
/// RewriteSequence (counter + CRC over 36 bytes), and TryDecode (CRC + checks). Expected: tens of ns,
/// 0 bytes allocated for every method.
/// </summary>
[MemoryDiagnoser]
public class PdFrameBenchmarks
{
    private readonly byte[] _frame = new byte[PdFrame.MaxFrameSize];
    private readonly byte[] _small = new byte[24];
    private readonly byte[] _large = new byte[PdFrame.MaxDatasetLength];
    private readonly PdHeader _header = new() { ComId = 1000 };
    private int _smallLength;
    private uint _sequence;

    [GlobalSetup]
    public void Setup() => _smallLength = PdFrame.Encode(_frame, _header, _small);

    [Benchmark]
    public int PdEncode24() => PdFrame.Encode(_frame, _header, _small);

    [Benchmark]
    public int PdEncode1432() => PdFrame.Encode(_frame, _header, _large);

    [Benchmark]
    public uint PdRewriteSequence() => PdFrame.RewriteSequence(_frame, _sequence++);

    [Benchmark]
    public FrameCheck PdDecode() => PdFrame.TryDecode(_frame.AsSpan(0, _smallLength), out _);
}
