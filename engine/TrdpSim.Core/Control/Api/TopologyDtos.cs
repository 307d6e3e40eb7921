namespace TrdpSim.Control.Api;

/// <summary><c>GET /api/runs/{id}/topology</c>: the run's devices, its configured telegrams and who talks to whom by ComId.</summary>
public sealed record TopologyResponse(string Run, IReadOnlyList<TopologyDevice> Devices, IReadOnlyList<TopologyTelegram> Telegrams, IReadOnlyList<TopologyLink> Links);

/// <summary>A virtual device and its address (as played, after the address map).</summary>
public sealed record TopologyDevice(string Name, string Address);

/// <summary>One configured telegram (a plan entry; <paramref name="Count"/> instances).</summary>
/// <param name="Id"><c>device/name</c>, the key of its <c>pd.&lt;device&gt;.&lt;name&gt;</c> topic.</param>
/// <param name="Device">The device it belongs to.</param>
/// <param name="Name">Its plan name.</param>
/// <param name="Kind"><c>pd</c>, <c>pull</c> or <c>md</c>.</param>
/// <param name="Role"><c>publish</c>, <c>subscribe</c>, <c>pull</c>, <c>caller</c> or <c>replier</c>.</param>
/// <param name="ComId">Its (first) ComId.</param>
/// <param name="Count">How many instances the entry makes.</param>
/// <param name="CycleSeconds">A publication's cycle, a pull's interval; null otherwise.</param>
/// <param name="Fields">The leaf fields of its dataset (for a subscription: the publication's of its ComId).</param>
public sealed record TopologyTelegram(string Id, string Device, string Name, string Kind, string Role, uint ComId, int Count,
    double? CycleSeconds, IReadOnlyList<TopologyField> Fields);

/// <summary>A dataset field: its path (for <c>…/fields/{path}</c>) and wire type.</summary>
public sealed record TopologyField(string Path, string Type);

/// <summary>A telegram from one configured telegram to another: publisher → subscriber, requester → publisher, caller → replier.</summary>
public sealed record TopologyLink(string From, string To, uint ComId, string Kind);
