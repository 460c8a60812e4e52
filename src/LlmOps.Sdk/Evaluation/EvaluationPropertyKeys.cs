namespace LlmOps.Sdk.Evaluation;

/// <summary>The <see cref="ChatOptions.AdditionalProperties"/> keys the evaluation stage reads.</summary>
/// <remarks>
/// Stages talk through <see cref="ChatOptions"/>, never through statics. The prompt stage passes on options that carry
/// the rendered <see cref="Prompts.PromptVersion"/> (read with
/// <see cref="PromptChatOptionsExtensions.GetRenderedPrompt(ChatOptions?)"/>); a stage of another kind may instead set
/// <see cref="PromptName"/> (a string) and <see cref="PromptVersion"/> (an <see cref="int"/>, or the
/// <see cref="Prompts.PromptVersion"/> itself). The caller sets the
/// reference answers and metadata through <see cref="ChatOptionsEvaluationExtensions"/>.
/// </remarks>
internal static class EvaluationPropertyKeys
{
    public const string PromptName = "llmops.prompt.name";
    public const string PromptVersion = "llmops.prompt.version";
    public const string ReferenceAnswers = "llmops.evaluation.reference_answers";
    public const string Metadata = "llmops.evaluation.metadata";
}
