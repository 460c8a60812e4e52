using System.Globalization;
using LlmOps.Sdk.Prompts.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Reads <see cref="SqlitePromptStoreOptions"/> from configuration by hand: four keys, no reflection, every typo named.</summary>
internal static class SqliteConfiguration
{
    /// <summary>The name under which the <c>Prompts:Sqlite</c> section is claimed; no pipeline's options bear it.</summary>
    public const string OptionsName = "LlmOps.Sdk.Sqlite:Prompts:Sqlite";

    private static readonly string[] Keys = ["Path", "PollInterval", "CreateIfMissing", "BusyTimeout"];

    public static void Bind(IConfigurationSection section, SqlitePromptStoreOptions options)
    {
        List<string> failures = [];
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"Configuration key '{child.Path}' is not a SQLite prompt store option, so its value would be ignored. Use {string.Join(", ", Keys)}.");
            }
        }

        options.Path = section["Path"] ?? options.Path;
        options.PollInterval = Read(section, "PollInterval", options.PollInterval, failures);
        options.BusyTimeout = Read(section, "BusyTimeout", options.BusyTimeout, failures);
        if (section["CreateIfMissing"] is { } create)
        {
            if (bool.TryParse(create, out var value))
            {
                options.CreateIfMissing = value;
            }
            else
            {
                failures.Add($"Configuration key '{section.Path}:CreateIfMissing' is '{create}'; use true or false.");
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.Options.DefaultName, typeof(SqlitePromptStoreOptions), failures);
        }
    }

    private static TimeSpan Read(IConfigurationSection section, string key, TimeSpan value, List<string> failures)
    {
        if (section[key] is not { } text)
        {
            return value;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        failures.Add($"Configuration key '{section.Path}:{key}' is '{text}'; give a time span such as 00:00:01.");
        return value;
    }
}
