namespace TrdpSim.Pipeline;

/// <summary>Hands out the taps of one run, one per seam (a send port, a receive loop, a TCP handler).</summary>
/// <remarks>Asked at composition time only; null means the seam's frames are not wanted (wrong direction,
/// device filtered out), which keeps those seams at one null check.</remarks>
public interface IFrameTaps
{
    IFrameTap? For(in FrameTapPoint point);
}
