namespace TrdpSim.Records;

/// <summary>The counter columns of an interval row: what one telegram group did in one interval (deltas).</summary>
/// <remarks>One fixed list for every kind of group (PD publish, subscribe, pull; MD caller, replier): a column a
/// kind does not have stays 0, which SQLite stores in no bytes. The sampler, the writer, the reader and the
/// exports all go by this list, so adding a column is one line here and one migration.</remarks>
internal static class IntervalColumns
{
    /// <summary>Column names, in storage order (also the CSV/JSON names).</summary>
    public static readonly string[] Names =
    [
        "sent", "send_failures", "struck", "dropped_cycles",
        "received", "lost", "duplicates", "out_of_order", "timeouts", "restarts", "jumps", "topo_rejects",
        "pull_requests", "pull_replies", "pull_late",
        "md_calls", "md_ok", "md_timeouts", "md_errors", "md_retries", "md_partial",
        "md_requests", "md_replies", "md_no_replies", "md_errors_sent",
        "md_late",
    ];

    /// <summary>The columns the store's first version created (<see cref="Names"/> up to here); the later ones came by
    /// migration, so a new store is made as the old ones were and then migrated.</summary>
    public const int FirstVersionCount = 25;

    public const int Sent = 0;
    public const int SendFailures = 1;
    public const int Struck = 2;
    public const int DroppedCycles = 3;
    public const int Received = 4;
    public const int Lost = 5;
    public const int Duplicates = 6;
    public const int OutOfOrder = 7;
    public const int Timeouts = 8;
    public const int Restarts = 9;
    public const int Jumps = 10;
    public const int TopoRejects = 11;
    public const int PullRequests = 12;
    public const int PullReplies = 13;
    public const int PullLate = 14;
    public const int MdCalls = 15;
    public const int MdOk = 16;
    public const int MdTimeouts = 17;
    public const int MdErrors = 18;
    public const int MdRetries = 19;
    public const int MdPartial = 20;
    public const int MdRequests = 21;
    public const int MdReplies = 22;
    public const int MdNoReplies = 23;
    public const int MdErrorsSent = 24;

    /// <summary>Replies that came after their call had ended (timed out or answered): a caller's late replies.</summary>
    public const int MdLate = 25;

    public static int Count => Names.Length;

    /// <summary>Percentile columns of each distribution (nanoseconds): <c>lat_*</c> is send lateness (publish),
    /// round trip (pull, MD caller) or reply delay (MD replier); <c>jit_*</c> is inter-arrival jitter (subscribe).</summary>
    public static readonly string[] PercentileNames = ["count", "p50", "p90", "p99", "p999", "max"];

    /// <summary>The distributions kept per group and interval.</summary>
    public static readonly string[] DistributionNames = ["lat", "jit"];
}
