namespace TrdpSim.Recording.Replay;

/// <summary>What <see cref="ReplayRewriter"/> changed.</summary>
public sealed class ReplayRewrites
{
    /// <summary>Frames whose source or destination was mapped.</summary>
    public long AddressesMapped { get; set; }

    /// <summary>Frames whose ComId was mapped.</summary>
    public long ComIdsMapped { get; set; }

    /// <summary>PD frames given a new sequence counter (<c>--renumber</c>).</summary>
    public long Renumbered { get; set; }

    /// <summary>Frames whose header changed and got a new FCS.</summary>
    public long FcsRecomputed { get; set; }

    /// <summary>Frames whose header changed and kept their captured, wrong FCS (<c>--keep-fcs</c>).</summary>
    public long FcsKeptWrong { get; set; }
}
