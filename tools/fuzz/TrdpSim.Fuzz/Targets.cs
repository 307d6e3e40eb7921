using System.Text;
using TrdpSim.Configuration;
using TrdpSim.Plan.Validation;
using TrdpSim.Protocol;
using TrdpSim.Recording.Captures;
using TrdpSim.Recording.Replay;
using TrdpSim.Scenarios;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Fuzz;

/// <summary>The fuzz targets: each takes one input and must never throw (an exception is a finding: AFL++ sees
/// the process crash). Bad input has to come back as a result — a frame check, plan errors, a
/// <see cref="CaptureFormatException"/> — which is what the targets accept.</summary>
internal static class Targets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["pd"] = ProcessData,
        ["md"] = MessageData,
        ["toml"] = Toml,
        ["js"] = JavaScript,
        ["pcap"] = Capture,
    };

    /// <summary>A PD datagram: header checks, then the dataset as the demo layout's marshaller reads it.</summary>
    private static void ProcessData(byte[] input)
    {
        if (PdFrame.TryDecode(input, out var header) == FrameCheck.Ok)
        {
            _ = header.MessageType.IsPd();
        }

        DemoDataset.Unmarshal(input.AsSpan(Math.Min(input.Length, PdFrame.HeaderSize)));
    }

    /// <summary>An MD datagram, then the same bytes as a TCP stream cut into chunks of the first byte's size.</summary>
    private static void MessageData(byte[] input)
    {
        _ = MdFrame.TryDecode(input, out _);
        var framer = new MdStreamFramer(4096);
        var chunk = input.Length > 0 ? Math.Max(1, (int)input[0]) : 1;
        var data = input.AsSpan();
        while (data.Length > 0)
        {
            var taken = framer.Write(data[..Math.Min(chunk, data.Length)]);
            data = data[taken..];
            MdStreamResult result;
            while ((result = framer.TryReadFrame(out var frame, out var header)) == MdStreamResult.Frame)
            {
                if (frame.Length != MdFrame.FrameLength((int)header.DatasetLength))
                {
                    throw new InvalidOperationException("framer returned a frame of the wrong length");
                }
            }

            if (result == MdStreamResult.Error)
            {
                return;
            }

            if (taken == 0)
            {
                throw new InvalidOperationException("framer took no bytes without a frame to read");
            }
        }
    }

    /// <summary>A TOML configuration, then the validator over whatever plan it gave.</summary>
    private static void Toml(byte[] input)
    {
        var result = TomlPlanLoader.Load(Encoding.UTF8.GetString(input), "fuzz.toml");
        if (result.Draft is { } plan)
        {
            _ = PlanValidator.Validate(plan);
        }
    }

    /// <summary>A JavaScript scenario in the sandbox with tight limits (time, statements, memory, recursion).</summary>
    private static void JavaScript(byte[] input)
    {
        var options = ScenarioSandbox.Create(TimeSpan.FromMilliseconds(500), maxStatements: 20_000, memoryLimit: 16_000_000, recursionLimit: 64);
        var result = ScenarioLoader.Load(Encoding.UTF8.GetString(input), "fuzz.js", new Dictionary<string, string>(), options);
        if (result.Draft is { } plan)
        {
            _ = PlanValidator.Validate(plan);

            // A scenario with callbacks keeps its engine for the run: free it, the persistent loop runs millions.
            foreach (var scenario in plan.Scenarios)
            {
                scenario.Script?.Dispose();
            }
        }
    }

    /// <summary>A pcap/pcapng file: the reader, the packet decoder, and replay's loader and rewriter.</summary>
    private static void Capture(byte[] input)
    {
        try
        {
            var reader = new CaptureReader(new MemoryStream(input));
            while (reader.TryRead(out var frame))
            {
                _ = PacketDecoder.TryDecode(frame.LinkType, frame.Data, out _);
            }

            var capture = ReplayCapture.Load(new MemoryStream(input), 17224, 17225);
            var comIds = new ComIdMap();
            comIds.TryAdd("1000=2000", out _);
            _ = ReplayRewriter.Apply(capture, new ReplayOptions { ComIds = comIds, Renumber = true });
        }
        catch (CaptureFormatException)
        {
            // A broken file is reported as such: the expected outcome.
        }
    }
}
