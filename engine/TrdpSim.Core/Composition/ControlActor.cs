namespace TrdpSim.Composition;

/// <summary>Who made a control change, as recorded with it: <c>scenario:&lt;name&gt;</c>, <c>http:&lt;client&gt;</c>, <c>host</c>.</summary>
public readonly record struct ControlActor(string Name)
{
    /// <summary>The run host itself (command line, Ctrl-C, tests).</summary>
    public static ControlActor Host => new("host");

    /// <summary>A scenario's callbacks.</summary>
    public static ControlActor Scenario(string name) => new("scenario:" + name);

    /// <summary>A client of the HTTP control plane (its address or name).</summary>
    public static ControlActor Http(string client) => new("http:" + client);

    public override string ToString() => Name;
}
