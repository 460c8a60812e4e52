using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Sdk.Prompts;

/// <summary>Reads and writes the <c>cache:</c> key of a prompt file: <c>true</c>, <c>false</c>, or how long, such as <c>00:10:00</c>.</summary>
/// <remarks>
/// <c>true</c> opts the version in for the response cache's default duration; a duration (<c>[d.]hh:mm:ss</c>, as
/// configuration writes a <see cref="TimeSpan"/>) opts it in for that long; <c>false</c> or no key leaves it out.
/// </remarks>
internal static class PromptCacheSetting
{
    /// <summary>The key in a prompt file.</summary>
    public const string Key = "cache";

    public static PromptCacheSettings? Read(YamlDocument yaml, YamlNode? node, string promptName, int version)
    {
        if (node is null || YamlDocument.IsNull(node))
        {
            return null;
        }

        var text = yaml.Scalar(node, "'cache'").Trim();
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes":
                return new PromptCacheSettings();
            case "false" or "no":
                return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero)
        {
            return new PromptCacheSettings { Duration = duration };
        }

        throw yaml.At(node).Error(
            $"'cache' is '{text}'; it must be true, false, or how long answers are served, such as 00:10:00 (10 minutes) or 1.00:00:00 (1 day).",
            promptName, version);
    }

    public static void Write(StringBuilder yaml, PromptCacheSettings? settings)
    {
        if (settings is null)
        {
            return;
        }

        yaml.Append(Key).Append(": ")
            .Append(settings.Duration is { } duration ? duration.ToString("c", CultureInfo.InvariantCulture) : "true")
            .Append('\n');
    }
}
