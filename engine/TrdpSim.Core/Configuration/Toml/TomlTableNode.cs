using TrdpSim.Plan;

namespace TrdpSim.Configuration.Toml;

/// <summary>A TOML table resolved from the syntax tree: its entries in source order, with positions.</summary>
/// <remarks>Built by <see cref="TomlTreeBuilder"/> so that binders see TOML semantics (dotted keys,
/// <c>[a.b]</c> headers, <c>[[a.b]]</c> arrays, inline tables) and still know where every key came from.</remarks>
/// <param name="Origin">The table header (<c>[</c> or <c>[[</c>), the <c>{</c> of an inline table, or the key that
/// implicitly created it.</param>
/// <param name="Path">Dotted path for messages, e.g. <c>device.publish</c>.</param>
internal sealed record TomlTableNode(SourceLocation Origin, string Path)
{
    public List<TomlEntry> Entries { get; } = [];

    public TomlEntry? Find(string key)
    {
        foreach (TomlEntry entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }
}
