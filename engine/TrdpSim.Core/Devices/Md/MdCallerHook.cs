namespace TrdpSim.Devices.Md;

/// <summary>Bends what a caller does when its request is answered (fault injection).</summary>
/// <remarks>Called on the wheel thread for every 'Mq' that matches an open session of the caller; must not
/// allocate or block.</remarks>
internal abstract class MdCallerHook : MdHook<MdCallerHook>
{
    /// <summary>Whether the caller keeps back the 'Mc' this 'Mq' asks for.</summary>
    internal abstract bool WithholdConfirm();

    /// <summary>Runs every hook of the chain (each one, so every hook's random stream advances once per
    /// 'Mq' whatever the others decide); true when any of them withholds the confirmation.</summary>
    internal static bool AnyWithholdsConfirm(MdCallerHook head)
    {
        var withhold = false;
        for (MdCallerHook? hook = head; hook is not null; hook = hook.Next)
        {
            withhold |= hook.WithholdConfirm();
        }

        return withhold;
    }
}
