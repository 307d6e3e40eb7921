using Tomlyn.Syntax;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan.Addresses;

namespace TrdpSim.Configuration;

/// <summary>Binds <c>[import]</c>: how a configuration taken from a vehicle plays elsewhere.</summary>
/// <remarks><c>address-map</c> is a table of <c>"from" = "to"</c> rewrites (<c>"10.0.0.221" =
/// "127.0.0.2"</c>, <c>"10.0.1.0/24" = "127.0.1.0/24"</c>), the same rules as <c>--address-map</c>. An address
/// key must be quoted: unquoted, TOML reads <c>10.0.0.221</c> as four nested keys, which is reported.</remarks>
internal static class ImportSectionBinder
{
    public static void Bind(TomlTableNode? table, AddressMapPlan map, PlanErrorSink errors)
    {
        if (table is null)
        {
            return;
        }

        var reader = new TomlTableReader(table, "[import]", errors);
        if (reader.SubTable("address-map") is { } rules)
        {
            foreach (TomlEntry entry in rules.Entries)
            {
                entry.Used = true;
                Bind(entry, map, errors);
            }
        }

        reader.ReportUnknownKeys();
    }

    private static void Bind(TomlEntry entry, AddressMapPlan map, PlanErrorSink errors)
    {
        if (entry.Table is not null || entry.TableArray is not null)
        {
            errors.Add(entry.KeyOrigin, $"address-map key '{entry.Key}…' is a dotted key: quote the address, e.g. \"10.0.0.221\" = \"127.0.0.2\"");
            return;
        }

        if (entry.Value is not StringValueSyntax { Value: { } to })
        {
            if (!entry.IsBroken)
            {
                errors.Add(entry.ValueOrigin, $"address-map \"{entry.Key}\" must map to a string such as \"127.0.0.2\", not {entry.Describe()}");
            }

            return;
        }

        if (AddressMapRule.TryParse(entry.Key, to, entry.KeyOrigin, out AddressMapRule? rule, out string error))
        {
            map.Rules.Add(rule!);
        }
        else
        {
            errors.Add(entry.KeyOrigin, "address-map: " + error);
        }
    }
}
