using System.Diagnostics.CodeAnalysis;

namespace TrdpSim.Scheduling.Internal;

/// <summary>Out-of-line throw helpers, so hot methods contain no <c>throw new</c>.</summary>
internal static class SchedulingThrow
{
    [DoesNotReturn]
    public static void ArgumentNull(string paramName) => throw new ArgumentNullException(paramName);

    [DoesNotReturn]
    public static void ForeignTimer() =>
        throw new InvalidOperationException("The timer is scheduled on another TimingWheel; cancel it there first.");

    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
