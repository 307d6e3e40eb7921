using System.Runtime.InteropServices;

namespace TrdpSim.Transport.Internal;

/// <summary>Native scratch for one direction of one endpoint: <see cref="LinuxUdpEndpoint.BatchSize"/>
/// mmsghdr entries, each wired once to its own iovec and sockaddr_in, a control buffer each (the receive
/// timestamp, or the segment size of a send), plus two pollfd.</summary>
/// <remarks>One <see cref="NativeMemory"/> block, allocated at open and freed when the endpoint's
/// descriptors are released; only the owning direction's thread touches it.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MMsgScratch
{
    public MMsgHdr* Messages;
    public IoVec* Vectors;
    public SockAddrIn* Addresses;
    public PollFd* Polls;
    public byte* Controls;

    /// <summary>Control bytes per message: one cmsghdr (16) and the timespec of SCM_TIMESTAMPNS (16); a send's
    /// UDP_SEGMENT size takes 24 of them.</summary>
    public const int ControlBytes = 32;

    public static MMsgScratch* Allocate()
    {
        const int N = LinuxUdpEndpoint.BatchSize;
        nuint size = (nuint)(sizeof(MMsgScratch) + (N * sizeof(MMsgHdr)) + (N * sizeof(IoVec)) + (N * sizeof(SockAddrIn)) + (2 * sizeof(PollFd)) + (N * ControlBytes));
        byte* block = (byte*)NativeMemory.AlignedAlloc(size, 64);
        NativeMemory.Clear(block, size);
        var scratch = (MMsgScratch*)block;
        byte* next = block + sizeof(MMsgScratch);
        scratch->Messages = (MMsgHdr*)next;
        next += N * sizeof(MMsgHdr);
        scratch->Vectors = (IoVec*)next;
        next += N * sizeof(IoVec);
        scratch->Addresses = (SockAddrIn*)next;
        next += N * sizeof(SockAddrIn);
        scratch->Polls = (PollFd*)next;
        next += 2 * sizeof(PollFd);
        scratch->Controls = next;
        for (int i = 0; i < N; i++)
        {
            MsgHdr* header = &scratch->Messages[i].Header;
            header->Name = (nint)(&scratch->Addresses[i]);
            header->NameLength = (uint)sizeof(SockAddrIn);
            header->Iov = (nint)(&scratch->Vectors[i]);
            header->IovLength = 1;
        }

        return scratch;
    }

    public static void Free(MMsgScratch* scratch) => NativeMemory.AlignedFree(scratch);
}
