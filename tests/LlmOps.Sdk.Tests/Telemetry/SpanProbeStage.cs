using System.Diagnostics;
using System.Runtime.CompilerServices;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>
/// Stands in for an inner stage: records which call span it sees when the call starts, and which one it holds when
/// the stream ended, where the evaluation stage writes its scores (it keeps the span it found at the start).
/// </summary>
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
        LlmOpsActivity.Current?.SetTag("probe.after_stream", true);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var span = LlmOpsActivity.Current;
        Seen.Add(span);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            yield return update;
        }

        // Where the evaluation stage scores a stream: after its end, still inside the call, on the span it kept.
        Seen.Add(span);
        span?.SetTag("probe.after_stream", true);
    }
}
