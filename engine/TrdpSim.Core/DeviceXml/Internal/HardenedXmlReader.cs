using System.Xml;
using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>Reads XML text into an <see cref="XmlElementNode"/> tree with every position, refusing what a
/// device configuration never needs and an attacker would use.</summary>
/// <remarks>
/// <para>Hardening: DTDs are prohibited (no entity declarations, so no entity expansion and no external
/// entities); no resolver (nothing is fetched); <c>MaxCharactersInDocument</c> bounds the input after
/// decoding; <c>MaxCharactersFromEntities</c> is 1 — in .NET 0 would mean "unlimited", and with DTDs
/// prohibited only the five predefined entities and character references remain, which it does not
/// count; nesting depth, element and attribute counts are bounded by <see cref="XmlReadLimits"/>. The
/// loop is iterative, so deep input cannot overflow the stack.</para>
/// <para>Every failure becomes one error at the reader's <c>file:line:col</c>; nothing throws.</para>
/// </remarks>
internal static class HardenedXmlReader
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string SchemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Reads <paramref name="text"/>; null (with the error) when it is not a readable document.</summary>
    public static XmlElementNode? Read(string text, string fileName, XmlReadLimits limits, Problems problems)
    {
        using var input = new StringReader(text);
        using XmlReader reader = XmlReader.Create(input, Settings(limits));
        return Read(reader, fileName, limits, problems);
    }

    /// <summary>Reads encoded bytes (the encoding comes from the byte-order mark or the XML declaration).</summary>
    public static XmlElementNode? Read(byte[] bytes, string fileName, XmlReadLimits limits, Problems problems)
    {
        using var input = new MemoryStream(bytes, writable: false);
        using XmlReader reader = XmlReader.Create(input, Settings(limits));
        return Read(reader, fileName, limits, problems);
    }

    private static XmlReaderSettings Settings(XmlReadLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = limits.MaxCharacters,
        MaxCharactersFromEntities = 1,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = true,
        ConformanceLevel = ConformanceLevel.Document,
        CloseInput = true,
    };

    private static XmlElementNode? Read(XmlReader reader, string fileName, XmlReadLimits limits, Problems problems)
    {
        var info = (IXmlLineInfo)reader;
        var open = new Stack<XmlElementNode>();
        XmlElementNode? root = null;
        int elements = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        SourceLocation at = Position(fileName, info);
                        if (reader.Depth >= limits.MaxDepth)
                        {
                            problems.Error(at, $"elements nested deeper than {limits.MaxDepth} levels (a device configuration needs at most 7)");
                            return null;
                        }

                        if (++elements > limits.MaxElements)
                        {
                            problems.Error(at, $"more than {limits.MaxElements} elements in one file");
                            return null;
                        }

                        var node = new XmlElementNode(reader.LocalName, at);
                        if (!ReadAttributes(reader, node, fileName, info, limits, problems))
                        {
                            return null;
                        }

                        if (open.Count == 0)
                        {
                            root = node;
                        }
                        else
                        {
                            open.Peek().Children.Add(node);
                        }

                        if (!reader.IsEmptyElement)
                        {
                            open.Push(node);
                        }

                        break;
                    case XmlNodeType.EndElement:
                        open.Pop();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA:
                        if (open.Count > 0 && open.Peek().TextOrigin is null)
                        {
                            open.Peek().TextOrigin = Position(fileName, info);
                        }

                        break;
                }
            }
        }
        catch (XmlException e)
        {
            // An empty document has no position (0, 0): its problem is at the start.
            problems.Error(new SourceLocation(fileName, Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition)), Reason(e));
            return null;
        }
        catch (System.Text.DecoderFallbackException e)
        {
            problems.Error(Position(fileName, info), "the bytes are not valid in the file's encoding: " + e.Message);
            return null;
        }

        if (root is null)
        {
            problems.Error(new SourceLocation(fileName, 1, 1), "the file holds no element (expected <device>)");
        }

        return root;
    }

    private static bool ReadAttributes(
        XmlReader reader, XmlElementNode node, string fileName, IXmlLineInfo info, XmlReadLimits limits, Problems problems)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return true;
        }

        do
        {
            // Namespace declarations and xsi:schemaLocation say how to validate the file, not what it holds.
            if (reader.NamespaceURI is XmlnsNamespace or SchemaInstanceNamespace)
            {
                continue;
            }

            if (node.Attributes.Count >= limits.MaxAttributes)
            {
                problems.Error(Position(fileName, info), $"{node.Tag} has more than {limits.MaxAttributes} attributes");
                return false;
            }

            node.Attributes.Add(new XmlAttributeNode(reader.Name, reader.Value, Position(fileName, info)));
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
        return true;
    }

    private static SourceLocation Position(string fileName, IXmlLineInfo info) =>
        new(fileName, Math.Max(1, info.LineNumber), Math.Max(1, info.LinePosition));

    /// <summary>The exception's message without the " Line n, position m." that the location already says.</summary>
    private static string Reason(XmlException e)
    {
        string message = e.Message;
        int line = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return line > 0 && message.EndsWith('.') ? message[..line] : message;
    }
}
