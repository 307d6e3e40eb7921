using System.Globalization;
using TrdpSim.Plan;

namespace TrdpSim.DeviceXml.Internal;

/// <summary>What a <c>telegram</c> element says, read and checked, before it becomes plan items.</summary>
internal sealed class TelegramShape
{
    private static readonly (string, TelegramType)[] Types =
        [("source", TelegramType.Source), ("sink", TelegramType.Sink), ("source-sink", TelegramType.SourceSink)];

    public required XmlElementNode Element { get; init; }

    public uint ComId { get; private set; }

    public bool HasComId { get; private set; }

    public uint? DatasetId { get; private set; }

    /// <summary>The <c>name</c> attribute ("" when absent).</summary>
    public string Name { get; private set; } = string.Empty;

    public TelegramType Type { get; private set; }

    /// <summary><c>com-parameter-id</c>, null when absent.</summary>
    public uint? ComParameterId { get; private set; }

    public SourceLocation ComParameterAt { get; private set; }

    public XmlElementNode? Pd { get; private set; }

    public XmlElementNode? Md { get; private set; }

    public List<Endpoint> Sources { get; } = [];

    public List<Endpoint> Destinations { get; } = [];

    /// <summary>The first multicast destination: the group a sink joins (TCNopen's test tool does the same).</summary>
    public uint Group
    {
        get
        {
            foreach (Endpoint destination in Destinations)
            {
                if (AddressParser.IsMulticast(destination.Uri.Host))
                {
                    return destination.Uri.Host;
                }
            }

            return 0;
        }
    }

    public bool IsSink => Type is TelegramType.Sink or TelegramType.SourceSink;

    /// <summary>Checks the QoS and TTL the telegram asks for against the one pair the run sends every telegram of its
    /// kind with (the plan has one per kind), reporting a difference as not played and an id the
    /// <c>com-parameter-list</c> lacks as an error.</summary>
    /// <param name="context">The interface the telegram is on.</param>
    /// <param name="ownDefault">The kind's own com-parameter (<see cref="ComParameters.PdDefault"/> or
    /// <see cref="ComParameters.MdDefault"/>): what a telegram without <c>com-parameter-id</c> uses, and whose values
    /// a listed com-parameter falls back to.</param>
    /// <returns>The retries the listed com-parameter sets; null when it sets none (or the id is a default or
    /// unknown).</returns>
    public uint? CheckSendParameters(InterfaceContext context, uint ownDefault)
    {
        InterfaceSettings settings = context.Settings;
        uint id = ComParameterId ?? ownDefault;
        uint pairOf = id is ComParameters.PdDefault or ComParameters.MdDefault ? id : ownDefault;
        (byte qos, byte ttl) = pairOf == ComParameters.MdDefault ? (settings.MdQos, settings.MdTtl) : (settings.PdQos, settings.PdTtl);
        uint? retries = null;
        if (id > ComParameters.MdDefault)
        {
            if (context.ComParameters.Find(id) is not { } entry)
            {
                context.Problems.Error(ComParameterAt, $"<telegram> com-parameter-id {id} is not in the <com-parameter-list> (1 = PD, 2 = MD defaults)");
                return null;
            }

            qos = entry.Qos ?? qos;
            ttl = entry.Ttl ?? ttl;
            retries = entry.Retries;
        }

        NetworkPlan network = context.Network;
        (byte runQos, byte runTtl, string kind) = ownDefault == ComParameters.MdDefault
            ? (network.MdQos, network.MdTtl, "MD")
            : (network.PdQos, network.PdTtl, "PD");
        if (qos != runQos || ttl != runTtl)
        {
            context.Problems.NotPlayedYet($"<telegram> com-parameter-id {id}",
                $"QoS {qos} / TTL {ttl} for one telegram; every {kind} telegram of the run is sent with QoS {runQos} / TTL {runTtl}",
                ComParameterId is null ? Element.Origin : ComParameterAt);
        }

        return retries;
    }

    public static TelegramShape Read(XmlElementNode element, Problems problems)
    {
        var shape = new TelegramShape { Element = element };
        var r = new ElementReader(element, problems);
        if (r.TryNumber("com-id", 0, uint.MaxValue, out uint comId, out _))
        {
            shape.ComId = comId;
            shape.HasComId = true;
        }
        else if (r.Take("com-id") is null)
        {
            problems.Error(element.Origin, "<telegram> needs a com-id");
        }

        if (r.TryNumber("data-set-id", 0, uint.MaxValue, out uint datasetId, out _) && datasetId != 0)
        {
            shape.DatasetId = datasetId;
        }

        if (r.TryNumber("com-parameter-id", 0, uint.MaxValue, out uint comParameter, out SourceLocation comParameterAt) && comParameter != 0)
        {
            shape.ComParameterId = comParameter;
            shape.ComParameterAt = comParameterAt;
        }

        shape.Name = r.Text("name") ?? string.Empty;
        if (r.TryWord("type", Types, out TelegramType type))
        {
            shape.Type = type;
        }

        r.Ignore("create", Reasons.Create);
        r.Finish();
        foreach (XmlElementNode child in element.Children)
        {
            shape.ReadChild(child, problems);
        }

        if (shape.Pd is not null && shape.Md is not null)
        {
            problems.Error(shape.Md.Origin, $"<telegram> com-id {shape.ComId} has both <pd-parameter> (at {shape.Pd.Origin}) and <md-parameter>: a telegram is process data or message data");
        }

        return shape;
    }

    /// <summary>The name of the <paramref name="index"/>-th of <paramref name="count"/> plan items made from
    /// this telegram: the telegram's name (or <paramref name="fallbackPrefix"/> + com-id), and for several
    /// items the endpoint's name, id or position after a '/'.</summary>
    public string ItemName(string fallbackPrefix, Endpoint? endpoint, int index, int count)
    {
        string name = Name.Length > 0 ? Name : fallbackPrefix + ComId.ToString(CultureInfo.InvariantCulture);
        if (count <= 1 || endpoint is null)
        {
            return name;
        }

        string suffix = endpoint.Name.Length > 0 ? endpoint.Name
            : endpoint.Id.Length > 0 ? endpoint.Id
            : (index + 1).ToString(CultureInfo.InvariantCulture);
        return name + "/" + suffix;
    }

    private void ReadChild(XmlElementNode child, Problems problems)
    {
        if (child.Is("pd-parameter"))
        {
            Pd = child;
        }
        else if (child.Is("md-parameter"))
        {
            Md = child;
        }
        else if (child.Is("source"))
        {
            if (ReadEndpoint(child, "uri1", "uri2", problems) is { } source)
            {
                Sources.Add(source);
            }
        }
        else if (child.Is("destination"))
        {
            if (ReadEndpoint(child, "uri", null, problems) is { } destination)
            {
                Destinations.Add(destination);
            }
        }
        else
        {
            problems.Unknown("element " + child.Tag + " in <telegram>", child.Origin);
        }
    }

    private static Endpoint? ReadEndpoint(XmlElementNode element, string uriName, string? secondName, Problems problems)
    {
        var r = new ElementReader(element, problems);
        string id = r.Text("id") ?? string.Empty;
        string name = r.Text("name") ?? string.Empty;
        bool ok = true;
        XmlUri uri = default;
        XmlUri second = default;
        XmlAttributeNode? first = r.Take(uriName);
        if (first is not null)
        {
            ok &= XmlUri.TryRead(first, element.Tag, problems, out uri);
        }
        else if (secondName is null)
        {
            problems.Error(element.Origin, $"{element.Tag} needs {uriName} (the address it sends to)");
            ok = false;
        }

        if (secondName is not null && r.Take(secondName) is { } other)
        {
            ok &= XmlUri.TryRead(other, element.Tag, problems, out second);
            if (first is null)
            {
                problems.Error(other.Origin, $"{element.Tag} {secondName} needs {uriName} (the first accepted sender)");
                ok = false;
            }
        }

        r.Finish();
        foreach (XmlElementNode child in element.Children)
        {
            if (child.Is("sdt-parameter"))
            {
                problems.Ignored("<sdt-parameter>", Reasons.Sdt, child.Origin);
            }
            else
            {
                problems.Unknown("element " + child.Tag + " in " + element.Tag, child.Origin);
            }
        }

        return ok ? new Endpoint(id, name, uri, second, element.Origin, first?.Origin ?? element.Origin) : null;
    }

    /// <summary>A <c>source</c> (uri1, uri2) or <c>destination</c> (uri; <see cref="Second"/> unused).</summary>
    public sealed record Endpoint(string Id, string Name, XmlUri Uri, XmlUri Second, SourceLocation Origin, SourceLocation UriAt);
}

/// <summary>TCNopen's telegram <c>type</c>.</summary>
internal enum TelegramType
{
    Unset,
    Source,
    Sink,
    SourceSink,
}
