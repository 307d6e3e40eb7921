namespace TrdpSim.DeviceXml.Internal;

/// <summary>Why an item of the format is not played: one wording per reason, shared by every place that
/// reports it (the grouped warnings key on it).</summary>
internal static class Reasons
{
    public const string Marshall = "TCNopen's marshalling switch; trdpsim always writes the wire format";
    public const string Callback = "when TCNopen calls the application back; no effect on the wire";
    public const string Sdt = "the safety layer (SDTv2) is not played: no safety trailer is sent or checked";
    public const string Memory = "sizing of TCNopen's memory allocator; trdpsim needs none";
    public const string Debug = "logging of TCNopen's tools";
    public const string Services = "TCNopen's service-oriented extension is not played";
    public const string MappedDevices = "describes other devices (informational): give their own device files to play them";
    public const string DisplayHint = "display hint only; no effect on the wire";
    public const string Priority = "thread priority of TCNopen's process";
    public const string Blocking = "TCNopen's process loop mode";
    public const string Tsn = "TSN (time-sensitive networking) is not played";
    public const string Vlan = "VLAN tagging is not played";
    public const string OffsetAddress = "offset in TCNopen's traffic store (process-data ladder), not a send time";
    public const string DeviceType = "informational device type";
    public const string Create = "TCNopen's tools ignore it too; trdpsim plays every telegram";
    public const string PdUriUser = "the user part of a URI on a PD telegram: PD frames carry no URI";
    public const string ConfirmTimeout = "listeners from XML answer with 'Mp', which is not confirmed (set reply = \"reply-with-confirm\" and confirm-timeout in the imported TOML)";
    public const string Redundancy = "redundancy groups are carried into the plan (redundancy-group) but every member sends as if it led its group; TCNopen starts members as followers";
    public const string Leader = "redundancy leadership (leader name and address) is not played yet";
    public const string SecondListenerSource = "a listener accepts one sender address; the second (uri2) is not played yet";
    public const string InfiniteReplyTimeout = "an infinite MD reply timeout; the network's reply timeout is used";
    public const string Statistics = "ComId 31 is the statistics telegram: every trdpsim device answers statistics pulls itself ([network] pd-statistics); publishing, subscribing or polling it from XML is not played yet";
    public const string Nothing = "a telegram with no destination and no source that is not a sink plays nothing";
    public const string TcpPort = "trdpsim uses one MD port for UDP and TCP (the udp-port)";
}
