using TrdpSim.Scheduling;

namespace TrdpSim.Faults.Internal;

/// <summary>Puts a link on its outlet's chain, making the chain on first use.</summary>
internal static class FaultChains
{
    /// <summary>Adds <paramref name="link"/> to the chain of its outlet (wheel thread).</summary>
    public static void Attach(FaultLink link, TimingWheel wheel)
    {
        var outlet = link.Outlet;
        if (outlet.Stage is not FaultChain chain)
        {
            chain = new FaultChain(outlet, wheel);
            outlet.Stage = chain;
        }

        chain.Add(link);
    }
}
