namespace TrdpSim.Pipeline;

/// <summary>What kind of frames an outlet sends; faults pick their targets by it.</summary>
internal enum OutletKind : byte
{
    /// <summary>A cyclic or pull-only PD publication ('Pd').</summary>
    Publication,

    /// <summary>A publication's answers to pull requests ('Pp').</summary>
    PullReply,

    /// <summary>A PD pull request ('Pr').</summary>
    PullRequest,

    /// <summary>A device's answers to statistics pulls ('Pp' on ComId 31).</summary>
    Statistics,

    /// <summary>An MD caller's requests or notifications ('Mr'/'Mn') and its confirmations ('Mc').</summary>
    MdCaller,

    /// <summary>An MD listener's replies ('Mp'/'Mq').</summary>
    MdReplier,

    /// <summary>A device's MD errors ('Me').</summary>
    MdError,
}
