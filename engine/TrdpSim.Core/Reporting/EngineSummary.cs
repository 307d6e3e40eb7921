namespace TrdpSim.Reporting;

/// <summary>How the engine ran: which wait, on what grid, what the wait spun, the real-time scheduling it got,
/// and what was refused or fell back (for the summary and its JSON).</summary>
/// <param name="Wait">The wait that ran (efficient, precision, sleep, spin).</param>
/// <param name="RequestedWait">The wait asked for (differs when real-time scheduling forced the efficient wait).</param>
/// <param name="TickNanoseconds">The wheel tick.</param>
/// <param name="SendGridNanoseconds">The grid first sends are shaped onto.</param>
/// <param name="ReceiveIntervalNanoseconds">How long a PD receive thread waited after draining its socket (0: none).</param>
/// <param name="SpinWindowNanoseconds">The efficient wait's spin window at the end (null for other waits).</param>
/// <param name="SpinWindowMeasured">Whether that window was measured (else fixed by configuration).</param>
/// <param name="SpunNanoseconds">Time the efficient wait spent spinning (null for other waits).</param>
/// <param name="SpinDeniedNanoseconds">Spin the real-time guard refused (null without a guard).</param>
/// <param name="RequestedScheduling">What was asked for the wheel thread ("SCHED_FIFO 10", "SCHED_OTHER").</param>
/// <param name="Scheduling">What the wheel thread was given after the privilege check.</param>
/// <param name="RealtimeThreads">Engine threads that run with a real-time class.</param>
/// <param name="ReceiveScheduling">What the receive threads were given.</param>
/// <param name="MemoryLocked">Whether the process's memory is locked (mlockall).</param>
/// <param name="Messages">What was refused or fell back, and why.</param>
/// <param name="WheelWakeUps">Wake-ups of the wheel thread.</param>
/// <param name="WheelEarlyWakes">Of those, the ones work from another thread brought forward.</param>
/// <param name="Segmentation">How sends used the kernel's UDP segmentation.</param>
/// <param name="ReceiveBuffers">The receive buffers the sockets asked for and got.</param>
internal sealed record EngineSummary(string Wait, string RequestedWait, long TickNanoseconds, long SendGridNanoseconds,
    long ReceiveIntervalNanoseconds,
    long? SpinWindowNanoseconds, bool SpinWindowMeasured, long? SpunNanoseconds, long? SpinDeniedNanoseconds,
    string RequestedScheduling, string Scheduling, int RealtimeThreads, string ReceiveScheduling, bool MemoryLocked,
    IReadOnlyList<string> Messages, long WheelWakeUps, long WheelEarlyWakes, SegmentationSummary Segmentation,
    ReceiveBufferSummary ReceiveBuffers);

/// <summary>How sends used the kernel's UDP segmentation (<c>[engine] segment-sends</c>).</summary>
/// <param name="Policy">"auto", "on" or "off" ("off" too where the transport cannot segment).</param>
/// <param name="SentDatagrams">Datagrams the device sockets' kernels accepted.</param>
/// <param name="SegmentedDatagrams">Of those, the ones sent inside a segmented message.</param>
/// <param name="CaptureSeen">Whether a packet capture was open during the run, pausing "auto".</param>
/// <param name="ReceivedDatagrams">Datagrams the device sockets received.</param>
/// <param name="ReceivedWholeDatagrams">Of those, the ones read inside a segmented message taken whole (UDP_GRO).</param>
internal sealed record SegmentationSummary(string Policy, long SentDatagrams, long SegmentedDatagrams, bool CaptureSeen,
    long ReceivedDatagrams = 0, long ReceivedWholeDatagrams = 0);

/// <summary>The device sockets' receive buffers (<c>[engine] receive-buffer-bytes</c>).</summary>
/// <param name="AskedBytes">What each socket asked for.</param>
/// <param name="SmallestGrantedBytes">The smallest any socket got, in the same terms (Linux reports twice the request,
/// its own bookkeeping included: halved here); 0 where no socket reports one (the in-process network).</param>
/// <param name="Sockets">Sockets that report a buffer.</param>
/// <param name="CappedSockets">Of those, the ones given less than asked (<c>net.core.rmem_max</c> without CAP_NET_ADMIN).</param>
internal sealed record ReceiveBufferSummary(int AskedBytes, int SmallestGrantedBytes, int Sockets, int CappedSockets);
