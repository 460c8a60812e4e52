using System.Globalization;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Prompts.Sqlite;

/// <summary>Checks <see cref="SqlitePromptStoreOptions"/> when a store is created, naming each bad option and its range.</summary>
internal static class SqlitePromptStoreOptionsValidator
{
    public static void ThrowIfInvalid(SqlitePromptStoreOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("LlmOps:Prompts:Sqlite:Path is required. Give the path of the prompt database file, such as 'prompts.db'.");
        }
        else if (options.Path.Contains('\0', StringComparison.Ordinal))
        {
            failures.Add("LlmOps:Prompts:Sqlite:Path contains a NUL character. Give a file path.");
        }

        Range(failures, "PollInterval", options.PollInterval, SqliteConstants.MinPollInterval, SqliteConstants.MaxPollInterval);
        Range(failures, "BusyTimeout", options.BusyTimeout, SqliteConstants.MinBusyTimeout, SqliteConstants.MaxBusyTimeout);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqlitePromptStoreOptions), failures);
        }
    }

    private static void Range(List<string> failures, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"LlmOps:Prompts:Sqlite:{name} is {value:c}; it must be from {min:c} to {max:c}."));
        }
    }
}
