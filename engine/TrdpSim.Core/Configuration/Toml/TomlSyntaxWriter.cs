using System.Text;
using Tomlyn.Syntax;

namespace TrdpSim.Configuration.Toml;

/// <summary>Builds a TOML document with comments through Tomlyn's syntax tree, line by line.</summary>
/// <remarks>
/// Why the syntax tree and not Tomlyn's model serializer (<c>TomlTable</c> → text): a comment here is trivia
/// of the very key or table it describes, written where it is built, while the model keeps comments as
/// metadata beside the values and decides layout itself (order of tables, inline or not); and the tree
/// escapes strings and quotes keys (<c>"10.0.0.221"</c>) as the parser expects, which a hand-written string
/// builder would have to get right on its own. It uses no reflection (NativeAOT), and Tomlyn already reads
/// the configurations, so writing needs no second TOML library. The tests read back whatever this writes.
/// </remarks>
internal sealed class TomlSyntaxWriter
{
    private readonly DocumentSyntax _document = new();

    /// <summary>Comment lines waiting for the node they describe (null = an empty line); indented like that node.</summary>
    private readonly List<string?> _pending = [];
    private SyntaxList<KeyValueSyntax> _items;
    private string _indent = string.Empty;

    public TomlSyntaxWriter() => _items = _document.KeyValues;

    /// <summary>Comment lines (<c># …</c>) before the next key or table; a line may be empty.</summary>
    public void Comment(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            _pending.Add(line.Length == 0 ? "#" : "# " + line);
        }
    }

    /// <summary>An empty line before the next key or table.</summary>
    public void BlankLine() => _pending.Add(null);

    /// <summary>Starts <c>[path]</c>; it and its keys are indented by <paramref name="indent"/> spaces.</summary>
    public void Table(int indent, params string[] path) => Start(new TableSyntax(Key(path)), indent);

    /// <summary>Starts <c>[[path]]</c> (a table of an array of tables).</summary>
    public void TableArray(int indent, params string[] path) => Start(new TableArraySyntax(Key(path)), indent);

    public void String(string key, string value, string? comment = null) => Add(key, new StringValueSyntax(value), comment);

    public void Integer(string key, long value, string? comment = null) => Add(key, new IntegerValueSyntax(value), comment);

    public void Bool(string key, bool value, string? comment = null) => Add(key, new BooleanValueSyntax(value), comment);

    /// <summary>A number: written as an integer when it is one (and fits), else as a float that parses
    /// back to the same <see cref="double"/>.</summary>
    public void Number(string key, double value, string? comment = null) => Add(key, NumberValue(value), comment);

    public void Numbers(string key, IReadOnlyList<double> values, string? comment = null)
    {
        var items = new ValueSyntax[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            items[i] = NumberValue(values[i]);
        }

        WriteArray(key, items, comment);
    }

    public void Strings(string key, IReadOnlyList<string> values, string? comment = null)
    {
        var items = new ValueSyntax[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            items[i] = new StringValueSyntax(values[i]);
        }

        WriteArray(key, items, comment);
    }

    private void WriteArray(string key, ValueSyntax[] values, string? comment)
    {
        var array = new ArraySyntax
        {
            OpenBracket = SyntaxFactory.Token(TokenKind.OpenBracket),
            CloseBracket = SyntaxFactory.Token(TokenKind.CloseBracket),
        };
        for (int i = 0; i < values.Length; i++)
        {
            var item = new ArrayItemSyntax { Value = values[i] };
            if (i < values.Length - 1)
            {
                item.Comma = SyntaxFactory.Token(TokenKind.Comma);
                item.Comma.AddTrailingTrivia(SyntaxFactory.Whitespace());
            }

            array.Items.Add(item);
        }

        Add(key, array, comment);
    }

    /// <summary>The document; comments given after the last key are written at its end.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(_document.ToString());
        foreach (string? line in _pending)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static KeySyntax Key(string[] path)
    {
        var key = new KeySyntax(path[0]);
        for (int i = 1; i < path.Length; i++)
        {
            key.DotKeys.Add(new DottedKeyItemSyntax(path[i]));
        }

        return key;
    }

    /// <summary>A header and its keys share one indentation (the project's configs indent nested arrays of
    /// tables by two spaces per level).</summary>
    private void Start(TableSyntaxBase table, int indent)
    {
        _indent = new string(' ', indent);
        Flush(table, _indent);
        _document.Tables.Add(table);
        _items = table.Items;
    }

    private void Add(string key, ValueSyntax value, string? comment)
    {
        var item = new KeyValueSyntax(new KeySyntax(key), value);
        Flush(item, _indent);
        if (comment is not null)
        {
            item.AddTrailingComment(comment);
        }

        _items.Add(item);
    }

    private void Flush(SyntaxNode node, string indent)
    {
        foreach (string? line in _pending)
        {
            if (line is not null)
            {
                if (indent.Length > 0)
                {
                    node.AddLeadingTrivia(new SyntaxTrivia(TokenKind.Whitespaces, indent));
                }

                node.AddLeadingTrivia(new SyntaxTrivia(TokenKind.Comment, line));
            }

            node.AddLeadingTrivia(new SyntaxTrivia(TokenKind.NewLine, "\n"));
        }

        _pending.Clear();
        if (indent.Length > 0)
        {
            node.AddLeadingTrivia(new SyntaxTrivia(TokenKind.Whitespaces, indent));
        }
    }

    private static ValueSyntax NumberValue(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 && !(value == 0 && double.IsNegative(value))
            ? new IntegerValueSyntax((long)value)
            : new FloatValueSyntax(value);
}
