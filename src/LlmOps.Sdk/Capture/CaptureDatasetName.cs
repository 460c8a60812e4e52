using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Capture;

/// <summary>The rule for the name of a dataset captured into a registry: what prompt names allow.</summary>
internal static partial class CaptureDatasetName
{
    public const int MaxLength = 200;

    /// <summary>Returns what is wrong with <paramref name="name"/>, and how to fix it, or <see langword="null"/> when it is valid.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The dataset name is empty. Name the dataset the cases are captured into, such as \"support-reply\".";
        }

        if (name.Length > MaxLength)
        {
            return $"The dataset name '{name[..40]}…' is {name.Length} characters long; use at most {MaxLength}.";
        }

        return Allowed().IsMatch(name)
            ? null
            : $"The dataset name '{name}' has a character other than letters, digits, '.', '_', '-' and '/'. Use only those, such as \"support-reply/v2\".";
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
