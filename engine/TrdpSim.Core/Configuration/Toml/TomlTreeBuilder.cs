using Tomlyn.Parsing;
using Tomlyn.Syntax;
using TrdpSim.Plan;

namespace TrdpSim.Configuration.Toml;

/// <summary>Resolves Tomlyn's lossless syntax tree into <see cref="TomlTableNode"/>s with source positions.</summary>
/// <remarks>
/// Walks the syntax nodes directly (no object mapper, no reflection: AOT- and trim-safe). TOML rules the
/// parser's semantic validation already reports (redefined keys or tables) are not reported again here:
/// the first definition wins and later ones are skipped.
/// </remarks>
internal sealed class TomlTreeBuilder(string file)
{
    private readonly string _file = file;

    /// <summary>Parses <paramref name="text"/> and builds its tree. Every syntax error goes to
    /// <paramref name="errors"/> with its <c>file:line:col</c>; a text that does not parse still gives the partial
    /// tree, so the caller decides how far to trust it.</summary>
    public static TomlTableNode Parse(string text, string file, PlanErrorSink errors)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, file, true);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // Tomlyn throws instead of reporting a string whose '\' is the file's last character: its error message
            // formats the character after the '\', which is the end of the file (found by fuzzing).
            bool endsInEscape = text.EndsWith('\\');
            errors.Add(
                endsInEscape ? EndOf(text, file) : new SourceLocation(file, 1, 1),
                endsInEscape ? "the file ends inside a string, right after a '\\'" : $"the TOML parser failed: {e.Message}");
            return new TomlTableNode(new SourceLocation(file, 1, 1), string.Empty);
        }
        catch (Tomlyn.TomlException e)
        {
            // Tomlyn throws instead of reporting arrays or inline tables nested deeper than its limit (64): without
            // this the exception reached the command line as an internal error and the daemon as a bare 500.
            var at = new SourceLocation(file, e.Line ?? 1, e.Column ?? 1);
            errors.Add(at, e.Message.StartsWith("The maximum depth", StringComparison.Ordinal)
                ? "arrays or inline tables nested too deep (at most 64 levels)"
                : $"the TOML parser failed: {e.Message}");
            return new TomlTableNode(new SourceLocation(file, 1, 1), string.Empty);
        }

        foreach (DiagnosticMessage diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
            {
                TextPosition start = diagnostic.Span.Start;
                errors.Add(new SourceLocation(file, start.Line + 1, start.Column + 1), diagnostic.Message);
            }
        }

        return new TomlTreeBuilder(file).Build(document);
    }

    /// <summary>The position of the last character of <paramref name="text"/>.</summary>
    private static SourceLocation EndOf(string text, string file)
    {
        int lastLineStart = text.LastIndexOf('\n') + 1;
        return new SourceLocation(file, text.AsSpan().Count('\n') + 1, text.Length - lastLineStart);
    }

    public TomlTableNode Build(DocumentSyntax document)
    {
        var root = new TomlTableNode(new SourceLocation(_file, 1, 1), string.Empty);
        foreach (KeyValueSyntax keyValue in document.KeyValues)
        {
            AddKeyValue(root, keyValue);
        }

        foreach (TableSyntaxBase table in document.Tables)
        {
            TomlTableNode? target = OpenHeader(root, table);
            if (target is null)
            {
                continue;
            }

            foreach (KeyValueSyntax keyValue in table.Items)
            {
                AddKeyValue(target, keyValue);
            }
        }

        return root;
    }

    public SourceLocation At(TextPosition position) => new(_file, position.Line + 1, position.Column + 1);

    private TomlTableNode? OpenHeader(TomlTableNode root, TableSyntaxBase table)
    {
        List<(string Name, SourceLocation At)> parts = KeyParts(table.Name);
        if (parts.Count == 0)
        {
            return null;
        }

        TomlTableNode current = root;
        for (int i = 0; i < parts.Count - 1; i++)
        {
            TomlTableNode? next = Descend(current, parts[i].Name, parts[i].At);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        (string name, SourceLocation at) = parts[^1];
        SourceLocation header = At(table.Span.Start);
        string path = Join(current.Path, name);
        TomlEntry? entry = current.Find(name);
        if (table is TableArraySyntax)
        {
            if (entry is null)
            {
                entry = new TomlEntry(name, at) { TableArray = [] };
                current.Entries.Add(entry);
            }

            if (entry.TableArray is null)
            {
                return null;
            }

            var item = new TomlTableNode(header, path);
            entry.TableArray.Add(item);
            return item;
        }

        if (entry is null)
        {
            entry = new TomlEntry(name, at) { Table = new TomlTableNode(header, path) };
            current.Entries.Add(entry);
        }

        return entry.Table;
    }

    private void AddKeyValue(TomlTableNode table, KeyValueSyntax keyValue)
    {
        List<(string Name, SourceLocation At)> parts = KeyParts(keyValue.Key);
        if (parts.Count == 0)
        {
            return;
        }

        TomlTableNode current = table;
        for (int i = 0; i < parts.Count - 1; i++)
        {
            TomlTableNode? next = Descend(current, parts[i].Name, parts[i].At);
            if (next is null)
            {
                return;
            }

            current = next;
        }

        (string name, SourceLocation at) = parts[^1];
        if (current.Find(name) is not null)
        {
            return;
        }

        // A key whose value failed to parse stays as a broken entry: known to exist (no "missing key"
        // error on top of the parser's), but read as absent.
        var entry = new TomlEntry(name, at) { ValueOrigin = keyValue.Value is null ? at : At(keyValue.Value.Span.Start) };
        string path = Join(current.Path, name);
        switch (keyValue.Value)
        {
            case null:
                break;
            case InlineTableSyntax inline:
                entry.Table = FromInline(inline, path);
                break;
            case ArraySyntax array when IsArrayOfInlineTables(array):
                entry.TableArray = [];
                foreach (ArrayItemSyntax item in array.Items)
                {
                    entry.TableArray.Add(FromInline((InlineTableSyntax)item.Value!, path));
                }

                break;
            default:
                entry.Value = keyValue.Value;
                break;
        }

        current.Entries.Add(entry);
    }

    private TomlTableNode FromInline(InlineTableSyntax inline, string path)
    {
        var node = new TomlTableNode(At(inline.Span.Start), path);
        foreach (InlineTableItemSyntax item in inline.Items)
        {
            if (item.KeyValue is not null)
            {
                AddKeyValue(node, item.KeyValue);
            }
        }

        return node;
    }

    private static bool IsArrayOfInlineTables(ArraySyntax array)
    {
        int count = 0;
        foreach (ArrayItemSyntax item in array.Items)
        {
            if (item.Value is not InlineTableSyntax)
            {
                return false;
            }

            count++;
        }

        return count > 0;
    }

    /// <summary>Steps into <paramref name="name"/> for a dotted key or header: an existing table, the last
    /// table of an array of tables, or a new implicit table.</summary>
    private static TomlTableNode? Descend(TomlTableNode table, string name, SourceLocation at)
    {
        TomlEntry? entry = table.Find(name);
        if (entry is null)
        {
            entry = new TomlEntry(name, at) { Table = new TomlTableNode(at, Join(table.Path, name)) };
            table.Entries.Add(entry);
        }

        if (entry.Table is not null)
        {
            return entry.Table;
        }

        return entry.TableArray is { Count: > 0 } items ? items[^1] : null;
    }

    private List<(string Name, SourceLocation At)> KeyParts(KeySyntax? key)
    {
        var parts = new List<(string, SourceLocation)>();
        if (key?.Key is null)
        {
            return parts;
        }

        if (!AddPart(parts, key.Key))
        {
            parts.Clear();
            return parts;
        }

        foreach (DottedKeyItemSyntax dotted in key.DotKeys)
        {
            if (dotted.Key is null || !AddPart(parts, dotted.Key))
            {
                parts.Clear();
                return parts;
            }
        }

        return parts;
    }

    private bool AddPart(List<(string, SourceLocation)> parts, SyntaxNode part)
    {
        string? name = part switch
        {
            BareKeySyntax bare => bare.Key?.Text,
            StringValueSyntax quoted => quoted.Value,
            _ => null,
        };
        if (name is null)
        {
            return false;
        }

        parts.Add((name, At(part.Span.Start)));
        return true;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
