using BenchmarkDotNet.Attributes;
using TrdpSim.Protocol;

namespace TrdpSim.Benchmarks.Protocol;

/// <summary>
/// MD codec: encode and decode of a 116-byte header with URIs and session id plus a 64-byte dataset.
/// Expected: well under a microsecond, 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class MdFrameBenchmarks
{
    private readonly byte[] _frame = new byte[MdFrame.FrameLength(64)];
    private readonly byte[] _dataset = new byte[64];
    private MdHeader _header;

    [GlobalSetup]
    public void Setup()
    {
        _header = new MdHeader
        {
            MessageType = TrdpMessageType.Mr,
            ComId = 1001,
            SessionId = SessionId.NewV4(new Random(1)),
            ReplyTimeoutMicros = 2_000_000,
            SourceUri = TrdpUri.FromString("caller"),
            DestinationUri = TrdpUri.FromString("replier"),
        };
        MdFrame.Encode(_frame, _header, _dataset);
    }

    [Benchmark]
    public int MdEncode() => MdFrame.Encode(_frame, _header, _dataset);

    [Benchmark]
    public FrameCheck MdDecode() => MdFrame.TryDecode(_frame, out _);
}
