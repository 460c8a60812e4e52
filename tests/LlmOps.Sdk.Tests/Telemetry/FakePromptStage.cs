using System.Runtime.CompilerServices;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>
/// Stands in for the prompt stage: applies a prompt's model where the caller names none, records the prompt on the
/// call's span, and stamps the answer (the response, or a stream's first update) with the version, as the prompt stage
/// does.
/// </summary>
internal sealed class FakePromptStage : DelegatingChatClient
{
    private readonly PromptVersion _prompt;
    private readonly string _model;

    public FakePromptStage(IChatClient innerClient, string model)
        : base(innerClient)
    {
        _model = model;
        _prompt = new("support-reply", 3, "Hello") { Model = new PromptModelSettings { ModelId = model } };
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, Apply(options), cancellationToken);
        PromptStamp.Write(response, _prompt);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var applied = Apply(options);
        var first = true;
        await foreach (var update in base.GetStreamingResponseAsync(messages, applied, cancellationToken))
        {
            if (first)
            {
                PromptStamp.Write(update, _prompt);
                first = false;
            }

            yield return update;
        }
    }

    private ChatOptions Apply(ChatOptions? options)
    {
        var applied = options?.Clone() ?? new ChatOptions();
        if (applied.ModelId is null)
        {
            // As the prompt stage does: the caller's model wins, the prompt's fills the gap.
            applied.ModelId = _model;
            LlmOpsActivity.SetRequestModel(_model);
        }

        LlmOpsActivity.Current?.SetTag(LlmOpsTelemetry.Attributes.PromptName, "support-reply")
            .SetTag(LlmOpsTelemetry.Attributes.PromptVersion, 3)
            .SetTag(LlmOpsTelemetry.Attributes.PromptLabel, "production");
        return applied;
    }
}
