using Tomlyn.Syntax;
using TrdpSim.Plan;

namespace TrdpSim.Configuration.Toml;

/// <summary>One key of a <see cref="TomlTableNode"/>: a scalar or array value, a sub-table, or an array of tables.</summary>
/// <param name="Key">The key.</param>
/// <param name="KeyOrigin">Where the key is written (for <c>[[a.b]]</c> entries: the first header naming it).</param>
internal sealed record TomlEntry(string Key, SourceLocation KeyOrigin)
{
    /// <summary>A scalar or array value (never an inline table or array of inline tables).</summary>
    public ValueSyntax? Value { get; set; }

    /// <summary>Where the value starts.</summary>
    public SourceLocation ValueOrigin { get; set; }

    public TomlTableNode? Table { get; set; }

    public List<TomlTableNode>? TableArray { get; set; }

    /// <summary>The value did not parse (the parser has reported it): reads treat the key as absent.</summary>
    public bool IsBroken => Value is null && Table is null && TableArray is null;

    /// <summary>Set when a binder has read the key; unread keys are reported as unknown.</summary>
    public bool Used { get; set; }

    /// <summary>"a string", "an integer", "a table" … for type-mismatch messages.</summary>
    public string Describe() => Table is not null ? "a table"
        : TableArray is not null ? "an array of tables"
        : Value switch
        {
            StringValueSyntax => "a string",
            IntegerValueSyntax => "an integer",
            FloatValueSyntax => "a float",
            BooleanValueSyntax => "a boolean",
            ArraySyntax => "an array",
            DateTimeValueSyntax => "a date-time",
            _ => "an invalid value",
        };
}
