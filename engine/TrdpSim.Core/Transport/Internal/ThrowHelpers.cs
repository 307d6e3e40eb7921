using System.Diagnostics.CodeAnalysis;

namespace TrdpSim.Transport.Internal;

/// <summary>Out-of-line throws, so hot methods contain no <c>throw new</c> (style.md §4.2).</summary>
internal static class ThrowHelpers
{
    [DoesNotReturn]
    public static void ObjectDisposed(string name) => throw new ObjectDisposedException(name);

    [DoesNotReturn]
    public static void BadDatagram(int index, string reason) =>
        throw new ArgumentException($"Datagram {index} of the batch: {reason}");

    [DoesNotReturn]
    public static void BadSlot(int index, string reason) =>
        throw new ArgumentException($"Slot {index}: {reason}");
}
