namespace TrdpSim.Recording.Replay;

/// <summary>What <c>trdpsim replay</c> does with a capture.</summary>
public sealed class ReplayOptions
{
    /// <summary>Time scale: 1 = the original timing, 2 = twice as fast; <see cref="double.PositiveInfinity"/> =
    /// as fast as possible (<c>--speed max</c>).</summary>
    public double Speed { get; init; } = 1;

    public bool AsFastAsPossible => double.IsPositiveInfinity(Speed);

    public ComIdMap ComIds { get; init; } = new();

    public AddressMap Addresses { get; init; } = new();

    /// <summary>Give PD frames new sequence counters: per source, destination, ComId and message type from 0.</summary>
    public bool Renumber { get; init; }

    /// <summary>Keep the captured FCS of a frame whose FCS was already wrong, even after a rewrite.</summary>
    public bool KeepFcs { get; init; }

    /// <summary>UDP ports whose packets are TRDP (either end): PD and MD.</summary>
    public ushort PdPort { get; init; } = 17224;

    public ushort MdPort { get; init; } = 17225;

    /// <summary>Send to addresses outside 127.0.0.0/8 (<c>--allow-network</c>).</summary>
    public bool AllowNetwork { get; init; }
}
