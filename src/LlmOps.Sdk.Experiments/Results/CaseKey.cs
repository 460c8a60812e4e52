namespace LlmOps.Sdk.Experiments;

/// <summary>What makes two cases the same case for resuming: the item and its content, candidate, repetition, prompt content, model and settings.</summary>
/// <remarks>A changed item, prompt, model or setting changes the key, so the case runs again instead of being skipped.</remarks>
internal static class CaseKey
{
    private const char Separator = '\u001f'; // the ASCII unit separator: never in an id, a name or a hash

    public static string Of(ExperimentCaseResult result) =>
        Of(result.ItemId, result.ItemHash, result.Candidate, result.Repetition, result.PromptHash, result.Model, result.SettingsHash);

    public static string Of(string itemId, string? itemHash, string candidate, int repetition, string promptHash, string? model, string settingsHash) =>
        string.Join(Separator, itemId, itemHash ?? string.Empty, candidate, repetition.ToString(System.Globalization.CultureInfo.InvariantCulture), promptHash, model ?? string.Empty, settingsHash);
}
