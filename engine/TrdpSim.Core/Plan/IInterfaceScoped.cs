namespace TrdpSim.Plan;

/// <summary>A device's telegram that can be tied to some of its bus interfaces (<c>interfaces = ["b"]</c>).</summary>
/// <remarks>An empty scope keeps the default: a publication, subscription or listener plays on every interface of
/// the device, and a request (pull, statistics poll, MD call) leaves from its first interface. A TCNopen XML telegram that only
/// some of a device's bus interfaces declare is scoped to those.</remarks>
public interface IInterfaceScoped
{
    /// <summary>The plan name of the item, for messages.</summary>
    string Name { get; }

    /// <summary>The interfaces (<c>a</c>, <c>b</c>, … as <see cref="InterfaceNames"/> names them) the item plays on;
    /// empty = the default.</summary>
    List<string> InterfaceScope { get; }
}
