using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>An element as read: its name, attributes and children, each with its position.</summary>
/// <remarks>The reader builds this small tree (no DOM library: its memory per node is bounded and every
/// position is kept) and the binders walk it.</remarks>
/// <param name="Name">The element's name as written.</param>
/// <param name="Origin">Where the element starts.</param>
internal sealed record XmlElementNode(string Name, SourceLocation Origin)
{
    public List<XmlAttributeNode> Attributes { get; } = [];

    public List<XmlElementNode> Children { get; } = [];

    /// <summary>Where the first non-blank text inside the element is (TCNopen's format has none).</summary>
    public SourceLocation? TextOrigin { get; set; }

    /// <summary>Whether the element's name is <paramref name="name"/> (TCNopen compares names case-insensitively).</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>&lt;name&gt;</c>, for messages.</summary>
    public string Tag => "<" + Name + ">";
}

/// <summary>One attribute: name, value and position; <see cref="Used"/> once a binder read it.</summary>
/// <param name="Name">The attribute's name as written.</param>
/// <param name="Value">Its value.</param>
/// <param name="Origin">Where the attribute is written.</param>
internal sealed record XmlAttributeNode(string Name, string Value, SourceLocation Origin)
{
    public bool Used { get; set; }
}
