namespace LlmOps.Sdk.Prompts;

/// <summary>The rules for prompt names and labels, in one place.</summary>
internal static class PromptName
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 200 || name[0] == '/' || name[^1] == '/')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    public static void ThrowIfInvalid(string? name, string kind = "prompt name")
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid {kind}. Use 1 to 200 ASCII letters, digits, '-', '_', '.' or '/' (not at either end).",
                kind == "prompt name" ? "name" : "label");
        }
    }
}
