
using TrdpSim.Distributions;
using TrdpSim.Pipeline;

namespace TrdpSim.Faults.Internal;

/// <summary>Device or telegram off (power loss): no frame leaves while the fault is active.</summary>
internal sealed class SilenceLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    public override LinkStage Stage => LinkStage.Gate;

    public override bool Drops()
    {
        if (Intensity <= 0)
        {
            return false;
        }

        Fault.Strikes++;
        return true;
    }
}

/// <summary>Independent random loss: each frame is dropped with probability × intensity.</summary>
internal sealed class LossLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    public override LinkStage Stage => LinkStage.Gate;

    public override bool Drops() => Strike(Probability);
}

/// <summary>Burst loss by the Gilbert-Elliott model: a good and a bad state, each with its own loss
/// probability, and per-frame transition probabilities between them.</summary>
/// <remarks>Each frame is judged in the current state, then the state moves. The intensity scales
/// the loss probabilities of both states; the state machine runs unchanged, so bursts keep their
/// length distribution (mean 1 / bad-to-good frames) while a ramp makes them lossier.</remarks>
internal sealed class BurstLossLink(LinkedFault fault, Outlet outlet, RandomStream rng) : FaultLink(fault, outlet, rng)
{
    private readonly double _goodToBad = fault.Plan.GoodToBad;
    private readonly double _badToGood = fault.Plan.BadToGood;
    private readonly double _lossInGood = fault.Plan.LossInGood;
    private readonly double _lossInBad = fault.Plan.LossInBad;
    private bool _bad;

    public override LinkStage Stage => LinkStage.Gate;

    public override bool Drops()
    {
        var lost = Strike(_bad ? _lossInBad : _lossInGood);
        var move = Rng.NextDouble();
        _bad = _bad ? move >= _badToGood : move < _goodToBad;
        return lost;
    }
}
