namespace TrdpSim.IntegrationTests.Transport;

/// <summary>Buffers and helpers shared by the socket tests.</summary>
internal static class Loopbacks
{
    public static OutgoingDatagram[] Batch(int count, int size, Ip4Endpoint destination)
    {
        byte[] block = GC.AllocateArray<byte>(count * size, pinned: true);
        var batch = new OutgoingDatagram[count];
        for (int i = 0; i < count; i++)
        {
            batch[i] = new OutgoingDatagram(block, i * size, size, destination);
        }

        return batch;
    }

    public static IncomingDatagram[] Slots(int count, int capacity)
    {
        byte[] block = GC.AllocateArray<byte>(count * capacity, pinned: true);
        var slots = new IncomingDatagram[count];
        for (int i = 0; i < count; i++)
        {
            slots[i] = new IncomingDatagram(block, i * capacity, capacity);
        }

        return slots;
    }

    /// <summary>Receives until <paramref name="expected"/> datagrams arrived or 2 s pass without any.</summary>
    public static int ReceiveExactly(IUdpEndpoint receiver, IncomingDatagram[] slots, int expected)
    {
        int got = 0;
        while (got < expected)
        {
            int n = receiver.Receive(slots.AsSpan(got), 2000);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return got;
    }
}
