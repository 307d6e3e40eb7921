using BenchmarkDotNet.Attributes;
using TrdpSim.Protocol;

namespace TrdpSim.Benchmarks.Protocol;

/// <summary>
/// System.IO.Hashing CRC-32 over the 36 covered PD header bytes and the 112 MD bytes. Expected: a few ns
/// (vectorised CRC), 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class HeaderFcsBenchmarks
{
    private readonly byte[] _header = new byte[MdFrame.HeaderSize];

    [Benchmark]
    public uint PdFcs36() => HeaderFcs.Compute(_header.AsSpan(0, PdFrame.FcsOffset));

    [Benchmark]
    public uint MdFcs112() => HeaderFcs.Compute(_header.AsSpan(0, MdFrame.FcsOffset));
}
