namespace TrdpSim.Distributions;

/// <summary>What a simulated MD replier does with one incoming request.</summary>
internal enum ReplyAction
{
    /// <summary>Answer normally ('Mp', or 'Mq' for reply-with-confirm) after a delay drawn from the
    /// behaviour's <see cref="DelayDistribution"/>.</summary>
    Reply = 0,

    /// <summary>Send nothing; the caller runs into its reply timeout.</summary>
    NoReply = 1,

    /// <summary>Send an 'Me' carrying a negative reply status (e.g. -3 no replier, -4 no memory at replier).</summary>
    Error = 2,

    /// <summary>Answer, but only after the caller's reply timeout has expired (the reply arrives for a
    /// session the caller has already closed).</summary>
    LateReply = 3,
}
