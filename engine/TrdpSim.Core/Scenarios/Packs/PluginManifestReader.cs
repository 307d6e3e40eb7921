using System.Globalization;
using Tomlyn.Syntax;
using TrdpSim.Configuration;
using TrdpSim.Configuration.Toml;
using TrdpSim.Plan;

namespace TrdpSim.Scenarios.Packs;

/// <summary>Reads and checks a plugin manifest (<c>plugin.toml</c>; format in plugins/README.md, "Plugin packs").</summary>
/// <remarks>
/// Binds from Tomlyn's syntax tree like the run configuration does, so every error carries
/// <c>file:line:col</c>, unknown keys are errors (a misspelt <c>descripton</c> must not vanish) and no
/// reflection is used. All problems are collected: TOML syntax, missing or mistyped keys, the name's
/// spelling and its match with the folder, the semver version, the API version against
/// <see cref="PluginApiVersions"/>, the entry file, and each parameter's type and default.
/// </remarks>
internal static class PluginManifestReader
{
    private static readonly (string Word, string Value)[] ParameterTypes =
        [("number", "number"), ("string", "string"), ("boolean", "boolean"), ("duration", "duration")];

    /// <summary>Reads <c>plugin.toml</c> of the plugin folder <paramref name="directory"/>.</summary>
    public static PluginManifestResult ReadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, PluginManifest.FileName);
        string text;
        if (PlanSourceFile.CheckReadable(path) is { } refused)
        {
            return new PluginManifestResult(null, [new PlanError(new SourceLocation(path, 0, 0), refused)]);
        }

        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = File.Exists(path) ? $"cannot read the file: {e.Message}" : $"not a plugin folder: there is no {PluginManifest.FileName}";
            return new PluginManifestResult(null, [new PlanError(new SourceLocation(path, 0, 0), why)]);
        }

        string folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return Read(text, path, folder, entry => File.Exists(Path.Combine(directory, entry)));
    }

    /// <summary>Reads manifest <paramref name="text"/>; <paramref name="path"/> is used in error positions,
    /// <paramref name="folderName"/> is the folder the plugin lives in (the name must match it) and
    /// <paramref name="fileExists"/> answers whether a relative path names a file of the plugin.</summary>
    public static PluginManifestResult Read(string text, string path, string folderName, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folderName);
        ArgumentNullException.ThrowIfNull(fileExists);
        var errors = new PlanErrorSink();
        var reader = new TomlTableReader(TomlTreeBuilder.Parse(text, path, errors), PluginManifest.FileName, errors);
        string name = RequiredString(reader, "name", out SourceLocation nameAt);
        if (name.Length > 0 && !PluginNaming.IsValidName(name))
        {
            errors.Add(nameAt, $"'name' must be lowercase kebab-case (a-z, 0-9 and single '-', starting with a letter, at most {PluginNaming.MaxNameLength} characters), not \"{name}\"");
        }
        else if (name.Length > 0 && name != folderName)
        {
            errors.Add(nameAt, $"'name' is \"{name}\" but the plugin folder is \"{folderName}\": they must be the same");
        }

        string version = RequiredString(reader, "version", out SourceLocation versionAt);
        if (version.Length > 0 && !PluginNaming.IsValidVersion(version))
        {
            errors.Add(versionAt, $"'version' must be a semantic version such as \"1.2.0\" or \"2.0.0-beta.1\", not \"{version}\"");
        }

        int apiVersion = 0;
        SourceLocation apiAt = reader.Origin;
        if (reader.TryInteger("api-version", int.MinValue, int.MaxValue, out long api, out apiAt))
        {
            apiVersion = (int)api;
            if (PluginApiVersions.Check(api) is { } problem)
            {
                errors.Add(apiAt, problem);
            }
        }
        else if (reader.Table.Find("api-version") is null)
        {
            reader.Missing("api-version");
        }

        string description = RequiredString(reader, "description", out _);
        string entry = PluginManifest.DefaultEntry;
        SourceLocation entryAt = reader.Origin;
        if (reader.TryString("entry", out string entryText, out entryAt))
        {
            entry = entryText;
        }

        CheckEntry(entry, entryAt, fileExists, errors);
        List<string> authors = StringList(reader, "authors");
        string license = reader.TryString("license", out string licenseText, out _) ? licenseText : string.Empty;
        List<string> tags = StringList(reader, "tags");
        List<PluginParameter> parameters = ReadParameters(reader.TableArray("parameter"), errors);
        reader.ReportUnknownKeys();

        var manifest = new PluginManifest
        {
            Name = name,
            Version = version,
            ApiVersion = apiVersion,
            Description = description,
            Entry = entry,
            Authors = authors,
            License = license,
            Tags = tags,
            Parameters = parameters,
            Path = path,
        };
        return new PluginManifestResult(manifest, errors.ToSortedList());
    }

    private static void CheckEntry(string entry, SourceLocation at, Func<string, bool> fileExists, PlanErrorSink errors)
    {
        if (PackPaths.Problem(entry) is { } problem)
        {
            errors.Add(at, $"'entry' \"{entry}\": {problem}");
        }
        else if (!entry.EndsWith(".js", StringComparison.Ordinal) && !entry.EndsWith(".mjs", StringComparison.Ordinal))
        {
            errors.Add(at, $"'entry' \"{entry}\" must be a .js or .mjs scenario");
        }
        else if (!fileExists(entry))
        {
            errors.Add(at, $"the entry file \"{entry}\" does not exist in the plugin folder");
        }
    }

    private static List<PluginParameter> ReadParameters(List<TomlTableNode> tables, PlanErrorSink errors)
    {
        var parameters = new List<PluginParameter>();
        foreach (TomlTableNode table in tables)
        {
            var reader = new TomlTableReader(table, "[[parameter]]", errors);
            string name = RequiredString(reader, "name", out SourceLocation nameAt);
            if (name.Length > 0 && !PluginNaming.IsValidParameterName(name))
            {
                errors.Add(nameAt, $"parameter name \"{name}\" must start with a letter and hold only letters, digits, '_', '-' or '.'");
            }

            string type = string.Empty;
            SourceLocation typeAt = table.Origin;
            if (reader.Table.Find("type") is { } typeEntry)
            {
                typeAt = typeEntry.ValueOrigin;
                type = reader.TryWord("type", ParameterTypes, out string word) ? word : string.Empty;
            }
            else
            {
                reader.Missing("type");
            }

            string description = reader.TryString("description", out string text, out _) ? text : string.Empty;
            TomlEntry? defaultEntry = reader.Take("default");
            SourceLocation defaultAt = defaultEntry?.ValueOrigin ?? table.Origin;
            string defaultText = string.Empty;
            if (defaultEntry is null)
            {
                reader.Missing("default");
            }
            else if (!defaultEntry.IsBroken && type.Length > 0 && DefaultText(type, defaultEntry, errors) is { } value)
            {
                defaultText = value;
            }

            reader.ReportUnknownKeys();
            foreach (PluginParameter other in parameters)
            {
                if (name.Length > 0 && other.Name == name)
                {
                    errors.Add(nameAt, $"parameter '{name}' is already declared (at {other.Origin})");
                }
            }

            parameters.Add(new PluginParameter
            {
                Name = name,
                Type = type,
                DefaultText = defaultText,
                Description = description,
                Origin = table.Origin,
                TypeOrigin = typeAt,
                DefaultOrigin = defaultAt,
            });
        }

        return parameters;
    }

    /// <summary>The default as <c>--param</c> text, or null after reporting a value of the wrong type.</summary>
    private static string? DefaultText(string type, TomlEntry entry, PlanErrorSink errors)
    {
        switch (type, entry.Value)
        {
            case ("number", IntegerValueSyntax integer):
                return integer.Value.ToString(CultureInfo.InvariantCulture);
            case ("number", FloatValueSyntax real) when double.IsFinite(real.Value):
                return real.Value.ToString("R", CultureInfo.InvariantCulture);
            case ("boolean", BooleanValueSyntax boolean):
                return boolean.Value ? "true" : "false";
            case ("string", StringValueSyntax { Value: { } text }):
                return text;
            case ("duration", StringValueSyntax { Value: { } text }):
                if (DurationParser.TryParse(text, out _, out string reason))
                {
                    return text;
                }

                errors.Add(entry.ValueOrigin, $"'default' \"{text}\" is not a duration: {reason}");
                return null;
            default:
                string expected = type switch
                {
                    "number" => "a finite number",
                    "boolean" => "true or false",
                    "duration" => "a duration string such as \"100ms\"",
                    _ => "a string",
                };
                errors.Add(entry.ValueOrigin, $"'default' of a {type} parameter must be {expected}, not {entry.Describe()}");
                return null;
        }
    }

    private static string RequiredString(TomlTableReader reader, string key, out SourceLocation at)
    {
        if (reader.TryString(key, out string value, out at))
        {
            if (value.Length == 0)
            {
                reader.Error(at, $"'{key}' must not be empty");
            }

            return value;
        }

        if (reader.Table.Find(key) is null)
        {
            reader.Missing(key);
        }

        return string.Empty;
    }

    private static List<string> StringList(TomlTableReader reader, string key)
    {
        var values = new List<string>();
        TomlEntry? entry = reader.Take(key);
        if (entry is null || entry.IsBroken)
        {
            return values;
        }

        if (entry.Value is not ArraySyntax array)
        {
            reader.Error(entry.ValueOrigin, $"'{key}' must be an array of strings, not {entry.Describe()}");
            return values;
        }

        foreach (ArrayItemSyntax item in array.Items)
        {
            if (item.Value is StringValueSyntax { Value: { Length: > 0 } text })
            {
                values.Add(text);
            }
            else if (item.Value is not null)
            {
                reader.Error(reader.Position(item.Value), $"'{key}' must hold only non-empty strings");
            }
        }

        return values;
    }
}
