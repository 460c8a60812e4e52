using System.Runtime.CompilerServices;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>Stands in for the prompt stage: applies a prompt's model and records the prompt on the call's span.</summary>
internal sealed class FakePromptStage : DelegatingChatClient
{
    private readonly string _model;

    public FakePromptStage(IChatClient innerClient, string model)
        : base(innerClient)
    {
        _model = model;
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Apply(options), cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var applied = Apply(options);
        await foreach (var update in base.GetStreamingResponseAsync(messages, applied, cancellationToken))
        {
            yield return update;
        }
    }

    private ChatOptions Apply(ChatOptions? options)
    {
        var applied = options?.Clone() ?? new ChatOptions();
        applied.ModelId = _model;
        LlmOpsActivity.SetRequestModel(_model);
        LlmOpsActivity.Current?.SetTag(LlmOpsTelemetry.Attributes.PromptName, "support-reply")
            .SetTag(LlmOpsTelemetry.Attributes.PromptVersion, 3)
            .SetTag(LlmOpsTelemetry.Attributes.PromptLabel, "production");
        return applied;
    }
}
