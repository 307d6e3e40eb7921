using System.Diagnostics.CodeAnalysis;

namespace TrdpSim.Protocol.Internal;

/// <summary>Out-of-line throw helpers so hot codec methods contain no <c>throw new</c>.</summary>
internal static class ProtocolThrow
{
    [DoesNotReturn]
    public static void DestinationTooSmall(int required, int available) =>
        throw new ArgumentException($"Destination buffer too small: {required} bytes required, {available} available.");

    [DoesNotReturn]
    public static void DatasetTooLong(int length, int max) =>
        throw new ArgumentException($"Dataset length {length} exceeds the maximum of {max} bytes.");

    [DoesNotReturn]
    public static void FrameTooShort(int length, int required) =>
        throw new ArgumentException($"Frame of {length} bytes is shorter than the {required}-byte header.");

    [DoesNotReturn]
    public static void Argument(string message, string paramName) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void Format(string message) => throw new FormatException(message);
}
