using System.Globalization;
using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Reads the attributes of one element: numbers, switches and words with located errors;
/// attributes nobody asked for are reported (as unknown) when the element is done.</summary>
/// <remarks>Names match case-insensitively, as in TCNopen's parser. Numbers are plain decimal (an
/// <c>UINT32</c> in TCNopen); surrounding blanks are allowed, nothing else.</remarks>
internal sealed class ElementReader(XmlElementNode element, Problems problems)
{
    public XmlElementNode Element { get; } = element;

    public Problems Problems { get; } = problems;

    public SourceLocation Origin => Element.Origin;

    /// <summary>The attribute, marked as read; null when absent.</summary>
    public XmlAttributeNode? Take(string name)
    {
        foreach (XmlAttributeNode attribute in Element.Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                attribute.Used = true;
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The attribute's text (trimmed), or null when absent.</summary>
    public string? Text(string name) => Take(name)?.Value.Trim();

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; false (with an error
    /// when present but bad) otherwise.</summary>
    public bool TryNumber(string name, uint min, uint max, out uint value, out SourceLocation at)
    {
        value = 0;
        XmlAttributeNode? attribute = Take(name);
        at = attribute?.Origin ?? Origin;
        if (attribute is null)
        {
            return false;
        }

        string text = attribute.Value.Trim();
        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            Problems.Error(at, $"{Element.Tag} {name}=\"{attribute.Value}\" is not a whole number (0…4294967295)");
            return false;
        }

        if (value < min || value > max)
        {
            Problems.Error(at, string.Create(CultureInfo.InvariantCulture, $"{Element.Tag} {name}=\"{text}\" must be {min}…{max}"));
            return false;
        }

        return true;
    }

    /// <summary>A whole number, <paramref name="fallback"/> when absent or bad.</summary>
    public uint Number(string name, uint fallback, uint min = 0, uint max = uint.MaxValue) =>
        TryNumber(name, min, max, out uint value, out _) ? value : fallback;

    /// <summary>One of <paramref name="words"/> (case-insensitive); false (with an error when present but
    /// unknown) otherwise.</summary>
    public bool TryWord<T>(string name, (string Word, T Value)[] words, out T value)
    {
        value = default!;
        XmlAttributeNode? attribute = Take(name);
        if (attribute is null)
        {
            return false;
        }

        string text = attribute.Value.Trim();
        foreach ((string word, T known) in words)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                value = known;
                return true;
            }
        }

        var expected = new List<string>(words.Length);
        foreach ((string word, _) in words)
        {
            expected.Add("\"" + word + "\"");
        }

        Problems.Error(attribute.Origin, $"{Element.Tag} {name}=\"{attribute.Value}\" must be {string.Join(" or ", expected)}");
        return false;
    }

    /// <summary>Reports the attribute as read and not played (when present).</summary>
    public void Ignore(string name, string why)
    {
        if (Take(name) is { } attribute)
        {
            Problems.Ignored($"{Element.Tag} {attribute.Name}", why, attribute.Origin);
        }
    }

    /// <summary>Reports the attribute as carried later (when present).</summary>
    public void NotPlayedYet(string name, string why)
    {
        if (Take(name) is { } attribute)
        {
            Problems.NotPlayedYet($"{Element.Tag} {attribute.Name}", why, attribute.Origin);
        }
    }

    /// <summary>Reports every attribute no read asked for, and text content, as not part of the format.</summary>
    public void Finish()
    {
        foreach (XmlAttributeNode attribute in Element.Attributes)
        {
            if (!attribute.Used)
            {
                Problems.Unknown($"attribute {Element.Tag} {attribute.Name}", attribute.Origin);
            }
        }

        if (Element.TextOrigin is { } text)
        {
            Problems.Unknown($"text inside {Element.Tag}", text);
        }
    }

    /// <summary><see cref="Finish"/> for an element that has no child elements in TCNopen's format: any child is
    /// reported as unknown too.</summary>
    /// <param name="tag">The element as messages name it (e.g. <c>&lt;pd-parameter&gt;</c>).</param>
    public void FinishWithoutChildren(string tag)
    {
        Finish();
        foreach (XmlElementNode child in Element.Children)
        {
            Problems.Unknown("element " + child.Tag + " in " + tag, child.Origin);
        }
    }
}
