namespace TrdpSim.Recording.Replay;

/// <summary>What a replay sent and how close it kept to the capture's timing.</summary>
/// <param name="Records">Packet records in the capture.</param>
/// <param name="Frames">TRDP datagrams found (what the replay tried to send).</param>
/// <param name="Sent">Datagrams the sockets took.</param>
/// <param name="SendFailures">Datagrams a socket refused (counted by error in the socket's statistics).</param>
/// <param name="Skipped">Records not replayed, by reason.</param>
/// <param name="Rewrites">What the rewriter changed before the replay.</param>
/// <param name="Speed">The time scale (infinity: as fast as possible).</param>
/// <param name="Sockets">Sockets opened (one per source address, TOS and TTL).</param>
/// <param name="IntendedDuration">First to last frame in the capture, divided by the speed.</param>
/// <param name="ActualDuration">First to last send call.</param>
/// <param name="GapError">|actual − intended| gap between consecutive frames; empty at <c>--speed max</c>.</param>
/// <param name="Lateness">Send time minus intended time per frame (≥ 0 but for clock noise); empty at <c>--speed max</c>.</param>
/// <param name="Interrupted">Stopped by SIGINT/SIGTERM before the last frame.</param>
internal sealed record ReplayResult(int Records, int Frames, long Sent, long SendFailures, IReadOnlyDictionary<string, long> Skipped,
    ReplayRewrites Rewrites, double Speed, int Sockets, TimeSpan IntendedDuration, TimeSpan ActualDuration, TimingFigures GapError,
    TimingFigures Lateness, bool Interrupted);
