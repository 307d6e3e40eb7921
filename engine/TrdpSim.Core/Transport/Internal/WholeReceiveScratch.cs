using System.Runtime.InteropServices;

namespace TrdpSim.Transport.Internal;

/// <summary>Native scratch of an endpoint's coalesced receive (<see cref="LinuxUdpEndpoint"/>): per message of a
/// <c>recvmmsg</c> its mmsghdr, iovec, sockaddr_in, control bytes (the arrival stamp and the datagram size of a
/// coalesced message), the arrival and the datagram size read from them, and a 64 KiB buffer.</summary>
/// <remarks>The buffers are one anonymous mapping of <see cref="LinuxUdpEndpoint.BatchSize"/> × 64 KiB: the kernel
/// commits a page only when a message first reaches it, so a socket whose messages are small holds a few pages of
/// each, and one that took a run of large datagrams keeps at most the whole mapping (4 MiB). Only the receiving
/// thread touches it; allocated at the endpoint's first receive, freed with its descriptors.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct WholeReceiveScratch
{
    public MMsgHdr* Messages;
    public IoVec* Vectors;
    public SockAddrIn* Addresses;
    public byte* Controls;
    public long* Arrivals;
    public int* DatagramSizes;
    public byte* Data;

    /// <summary>A message's buffer: the largest UDP payload over IPv4 (65,507 bytes) fits, so none is cut.</summary>
    public const int MessageBytes = 65_536;

    /// <summary>Control bytes per message: SCM_TIMESTAMPNS (CMSG_SPACE of a timespec, 32) and UDP_GRO (CMSG_SPACE of
    /// an int, 24), rounded up.</summary>
    public const int ControlBytes = 64;

    private const int Count = LinuxUdpEndpoint.BatchSize;

    private static nuint DataBytes => (nuint)Count * MessageBytes;

    /// <summary>Allocates the scratch, or returns null when the buffers cannot be mapped.</summary>
    public static WholeReceiveScratch* Allocate()
    {
        byte* data = (byte*)LinuxNative.Mmap(null, DataBytes, LinuxNative.ProtRead | LinuxNative.ProtWrite,
            LinuxNative.MapPrivate | LinuxNative.MapAnonymous | LinuxNative.MapNoReserve, -1, 0);
        if (data == (byte*)-1)
        {
            return null;
        }

        nuint size = (nuint)(sizeof(WholeReceiveScratch) + (Count * (sizeof(MMsgHdr) + sizeof(IoVec) + sizeof(SockAddrIn) + ControlBytes + sizeof(long) + sizeof(int))));
        byte* block = (byte*)NativeMemory.AlignedAlloc(size, 64);
        NativeMemory.Clear(block, size);
        var scratch = (WholeReceiveScratch*)block;
        byte* next = block + sizeof(WholeReceiveScratch);
        scratch->Messages = (MMsgHdr*)next;
        next += Count * sizeof(MMsgHdr);
        scratch->Vectors = (IoVec*)next;
        next += Count * sizeof(IoVec);
        scratch->Addresses = (SockAddrIn*)next;
        next += Count * sizeof(SockAddrIn);
        scratch->Controls = next;
        next += Count * ControlBytes;
        scratch->Arrivals = (long*)next;
        next += Count * sizeof(long);
        scratch->DatagramSizes = (int*)next;
        scratch->Data = data;
        for (int i = 0; i < Count; i++)
        {
            scratch->Vectors[i].Base = (nint)(data + ((nint)i * MessageBytes));
            scratch->Vectors[i].Length = MessageBytes;
            MsgHdr* header = &scratch->Messages[i].Header;
            header->Name = (nint)(&scratch->Addresses[i]);
            header->Iov = (nint)(&scratch->Vectors[i]);
            header->IovLength = 1;
            header->Control = (nint)(scratch->Controls + (i * ControlBytes));
        }

        return scratch;
    }

    public static void Free(WholeReceiveScratch* scratch)
    {
        LinuxNative.Munmap(scratch->Data, DataBytes);
        NativeMemory.AlignedFree(scratch);
    }
}
