using System.Text;

namespace TrdpSim.Tests.Telemetry;

/// <summary>/proc read without .NET's file and directory objects: the same figures as the managed APIs give.</summary>
public sealed class ProcFsTests
{
    [Fact]
    public void OpenFilesAreTheEntriesOfTheDescriptorDirectory()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Equal(-1, ProcFs.CountEntries("/proc/self/fd"));
            return;
        }

        // Each listing counts its own descriptor; other tests open and close files meanwhile, hence the margin.
        int managed = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        int counted = ProcFs.CountEntries("/proc/self/fd");
        Assert.InRange(counted, managed - 32, managed + 32);
        Assert.Equal(-1, ProcFs.CountEntries("/proc/self/no-such-directory"));
    }

    [Fact]
    public void AFileIsReadWholeAndAMissingOneIsMinusOne()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[4096];
        int length = ProcFs.ReadFile("/proc/self/status", buffer);
        Assert.StartsWith("Name:", Encoding.ASCII.GetString(buffer[..length]), StringComparison.Ordinal);
        Assert.Equal(-1, ProcFs.ReadFile("/proc/self/no-such-file", buffer));

        // A table longer than the buffer: the buffer grows until the whole file fits.
        byte[] small = new byte[16];
        int whole = ProcFs.ReadWholeFile("/proc/self/status", ref small);
        Assert.True(whole > 16 && small.Length >= whole);
        Assert.Equal(Encoding.ASCII.GetString(buffer[..length])[..200], Encoding.ASCII.GetString(small, 0, whole)[..200]);
    }

    [Fact]
    public void TheSocketsOfTheProcessAreFoundBehindItsDescriptors()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        long inode = long.Parse(File.ResolveLinkTarget($"/proc/self/fd/{socket.Handle}", false)!.Name[8..^1], System.Globalization.CultureInfo.InvariantCulture);
        var inodes = new HashSet<long>();
        Assert.True(ProcFs.ReadSocketInodes(inodes));
        Assert.Contains(inode, inodes);
    }

    [Theory]
    [InlineData("socket:[12345]", true, 12345)]
    [InlineData("socket:[]", false, 0)]
    [InlineData("socket:[12x]", false, 0)]
    [InlineData("pipe:[12345]", false, 0)]
    [InlineData("/dev/null", false, 0)]
    public void ASocketLinkGivesItsInode(string target, bool socket, long inode)
    {
        Assert.Equal(socket, ProcFs.TryParseSocketInode(Encoding.ASCII.GetBytes(target), out long parsed));
        Assert.Equal(inode, parsed);
    }

    [Fact]
    public void StatusFieldsAreReadByName()
    {
        var status = "Name:\ttrdpsim\nVmPeak:\t  300000 kB\nVmHWM:\t   51234 kB\nThreads:\t23\n"u8;
        Assert.Equal(51234, ProcessStatus.Field(status, "VmHWM:"u8));
        Assert.Equal(23, ProcessStatus.Field(status, "Threads:"u8));
        Assert.Equal(-1, ProcessStatus.Field(status, "VmSwap:"u8));
    }
}
