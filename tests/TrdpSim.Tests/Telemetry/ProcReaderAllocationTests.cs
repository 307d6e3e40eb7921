using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Telemetry;

/// <summary>Allocation budget of the readers of /proc that run every second (or every scrape) for a whole run: in steady
/// state they leave no garbage beyond the sample they return, whatever the process's threads and sockets.</summary>
/// <remarks>Garbage made every second is promoted to generation 2 by the young collections and waits there for a full
/// collection, which on a steady run comes a few times in hours: a soak's heap then creeps and cannot show a
/// plateau. Each budget is per call, the fewest of several rounds (<see cref="SteadyAllocation"/>).</remarks>
public sealed class ProcReaderAllocationTests
{
    private const int Calls = 20;

    [Fact]
    public void ResidentMemoryIsReadWithoutAllocating()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.True(ResidentMemory.Bytes() > 0);
        Assert.Equal(0, PerCall(() => ResidentMemory.Bytes()));
    }

    [Fact]
    public void ACpuSampleAllocatesOnlyItselfWhateverTheThreads()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // The record and its two arrays of five figures: ~250 bytes. Reading the threads through .NET cost ~400 bytes
        // per thread of the process (paths, handles), over 10 KB in a test host.
        long perCall = PerCall(() => CpuSample.Take());
        Assert.True(perCall <= 320, $"a CPU sample allocated {perCall} bytes for {ThreadCount()} threads");
    }

    [Fact]
    public void AProcessSampleAllocatesNothingBeyondItsCpuSample()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        long sample = PerCall(() => ProcessSample.Take());
        long cpu = PerCall(() => CpuSample.Take());
        Assert.True(sample - cpu <= 16, $"a process sample allocated {sample} bytes, {cpu} of them its CPU sample (the peak RSS read line by line again?)");
        Assert.True(ProcessSample.Take().PeakResidentBytes >= ProcessSample.Take().ResidentBytes / 2);
    }

    [Fact]
    public void ReceiveDropsAreReadWithoutAllocatingWhileTheProcessHasUdpSockets()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // at least one line of /proc/self/net/udp is ours
        Assert.NotNull(UdpReceiveDrops.Read());
        Assert.Equal(0, PerCall(() => UdpReceiveDrops.Read()));
    }

    [Fact]
    public void OpenFilesAndThreadsAreCountedWithoutAllocating()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.True(TrdpSim.Records.ProcessFiguresReader.OpenFiles() >= 3);
        Assert.True(TrdpSim.Records.ProcessFiguresReader.Threads() >= 2);
        Assert.Equal(0, PerCall(() => TrdpSim.Records.ProcessFiguresReader.OpenFiles()));
        Assert.Equal(0, PerCall(() => TrdpSim.Records.ProcessFiguresReader.Threads()));
    }

    [Fact]
    public void AnIntervalsProcessFiguresAllocateABoundedAmount()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var telemetry = new RunTelemetry("figures");

        // The figures, a CPU sample and the runtime's GCMemoryInfo objects (three reads): about 1 KB.
        long perCall = PerCall(() => TrdpSim.Records.ProcessFiguresReader.Read(telemetry, default, 0));
        Assert.True(perCall <= 1536, $"an interval's process figures allocated {perCall} bytes for {ThreadCount()} threads");
    }

    private static long PerCall(Action read) => SteadyAllocation.Fewest(() =>
    {
        for (int i = 0; i < Calls; i++)
        {
            read();
        }
    }) / Calls;

    private static int ThreadCount() => Process.GetCurrentProcess().Threads.Count;
}
