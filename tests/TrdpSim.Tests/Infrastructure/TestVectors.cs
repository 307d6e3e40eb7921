namespace TrdpSim.Tests.Infrastructure;

/// <summary>
/// Locates the shared TRDP capture folder: <c>&lt;repo root&gt;/../shared/vectors</c>, where the repo root
/// is the first ancestor of the test binary folder that contains Engine.sln. The vectors are not copied
/// into the repository (CI places shared/ beside the checkout).
/// </summary>
public static class TestVectors
{
    private static readonly Lazy<string> LazyDirectory = new(Locate);

    public static string Directory => LazyDirectory.Value;

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static IReadOnlyList<PcapPacket> Read(string fileName) => PcapReader.ReadFile(PathOf(fileName));

    public static PcapPacket Frame(string fileName, int frameNumber)
    {
        foreach (PcapPacket packet in Read(fileName))
        {
            if (packet.FrameNumber == frameNumber)
            {
                return packet;
            }
        }

        throw new InvalidOperationException($"{fileName} has no IPv4 frame {frameNumber}.");
    }

    public static IEnumerable<string> AllCaptures() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.pcap").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static string Locate()
    {
        string root = RepositoryRoot.Require();
        string vectors = Path.GetFullPath(Path.Combine(root, "..", "shared", "vectors"));
        if (!System.IO.Directory.Exists(vectors))
        {
            throw new InvalidOperationException($"Capture folder {vectors} not found (expected shared/ beside the checkout).");
        }

        return vectors;
    }
}
