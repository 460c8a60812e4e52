using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>Stands in for an inner stage: records which call span it sees, before each chunk and after the last.</summary>
internal sealed class SpanProbeStage : DelegatingChatClient
{
    public SpanProbeStage(IChatClient innerClient)
        : base(innerClient)
    {
    }

    public List<Activity?> Seen { get; } = [];

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Seen.Add(LlmOpsActivity.Current);
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Seen.Add(LlmOpsActivity.Current);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            Seen.Add(LlmOpsActivity.Current);
            yield return update;
        }

        // Where the evaluation stage scores a stream: after its end, still inside the call.
        Seen.Add(LlmOpsActivity.Current);
    }
}
