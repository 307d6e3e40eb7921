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

    /// <summary>Writes <paramref name="first"/> + index into each datagram's first four bytes and fills the rest with that
    /// number's low byte.</summary>
    public static OutgoingDatagram[] Numbered(OutgoingDatagram[] batch, int first = 0)
    {
        for (int i = 0; i < batch.Length; i++)
        {
            Span<byte> bytes = batch[i].Buffer.AsSpan(batch[i].Offset, batch[i].Length);
            bytes.Fill((byte)(first + i));
            BinaryPrimitives.WriteInt32BigEndian(bytes, first + i);
        }

        return batch;
    }

    /// <summary>Checks that slots 0 … <paramref name="count"/> − 1 hold the numbered datagrams from
    /// <paramref name="first"/> on, whole, from <paramref name="source"/>.</summary>
    public static void AssertNumbered(IncomingDatagram[] slots, int first, int count, int length, Ip4Endpoint source)
    {
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> payload = slots[i].Payload;
            Assert.Equal(length, payload.Length);
            Assert.Equal(first + i, BinaryPrimitives.ReadInt32BigEndian(payload));
            Assert.True(payload[4..].IndexOfAnyExcept((byte)(first + i)) < 0, $"datagram {first + i} corrupted");
            Assert.Equal(source, slots[i].Source);
        }
    }

    /// <summary>The numbers of the first <paramref name="count"/> received datagrams.</summary>
    public static int[] Indexes(IncomingDatagram[] slots, int count) =>
        slots[..count].Select(s => BinaryPrimitives.ReadInt32BigEndian(s.Payload)).ToArray();
}
