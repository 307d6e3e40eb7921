namespace TrdpSim.Devices.Md;

/// <summary>A link in a chain of hooks that bend one MD caller's or replier's behaviour (fault injection).</summary>
/// <remarks>
/// A chain rather than a single slot so that several faults can strike the same replier at once and
/// taking one off leaves the others (and the plan's own behaviour) exactly as they were. Hooks run in
/// the order they were added. Wheel thread only: adding, removing and running hooks never race, so the
/// chain needs no locks, and a caller or replier without hooks pays one null check per transaction.
/// </remarks>
/// <typeparam name="T">The concrete hook family (self type).</typeparam>
internal abstract class MdHook<T>
    where T : MdHook<T>
{
    /// <summary>The next hook in the chain, or null.</summary>
    internal T? Next { get; private set; }

    /// <summary>Appends <paramref name="hook"/> to the chain starting at <paramref name="head"/>.</summary>
    internal static void Add(ref T? head, T hook)
    {
        hook.Next = null;
        if (head is null)
        {
            head = hook;
            return;
        }

        var last = head;
        while (last.Next is not null)
        {
            last = last.Next;
        }

        last.Next = hook;
    }

    /// <summary>Unlinks <paramref name="hook"/> from the chain; a hook not in it is ignored.</summary>
    internal static void Remove(ref T? head, T hook)
    {
        if (head == hook)
        {
            head = hook.Next;
            hook.Next = null;
            return;
        }

        for (var previous = head; previous is not null; previous = previous.Next)
        {
            if (previous.Next == hook)
            {
                previous.Next = hook.Next;
                hook.Next = null;
                return;
            }
        }
    }
}
