using System.Diagnostics;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Finds the call's span so that inner stages (prompts, evaluation, resilience) can add to it.</summary>
/// <remarks>
/// <para>
/// Stages talk through <see cref="Activity.Current"/>, never through statics. Only a span of our own source that is
/// being recorded is returned: a host's unrelated span (an incoming HTTP request, say) is never written to, and when
/// nobody listens there is nothing to do.
/// </para>
/// <para>
/// Streaming: the call's span is current while a stage's stream starts (up to its first chunk: prompt resolution,
/// retries). Between chunks the caller's own context runs, so a stage that writes after the stream ended (evaluation)
/// reads <see cref="Current"/> when its stream starts and keeps the reference. Making the span current again for every
/// chunk would cost about 100 ns per chunk for every stream.
/// </para>
/// </remarks>
internal static class LlmOpsActivity
{
    /// <summary>Gets the current call span, or <see langword="null"/> when there is none or nobody records it.</summary>
    public static Activity? Current =>
        Activity.Current is { IsAllDataRequested: true } activity && activity.Source.Name == LlmOpsTelemetry.SourceName
            ? activity
            : null;

    /// <summary>Records the messages an inner stage actually sends, when the call's span captures content.</summary>
    /// <remarks>
    /// The prompt stage calls it with the rendered messages, so that <c>gen_ai.input.messages</c> shows what the model
    /// was sent rather than the caller's own messages; they pass the telemetry stage's redactor. Nothing happens when
    /// the span is not recorded or content capture is off.
    /// </remarks>
    /// <param name="activity">The call's span, as <see cref="Current"/> returned it, or <see langword="null"/>.</param>
    /// <param name="messages">The messages sent to the model.</param>
    /// <param name="options">The options sent, for their instructions.</param>
    public static void RecordSentMessages(Activity? activity, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (activity?.GetCustomProperty(SentContentRecorder.PropertyName) is SentContentRecorder recorder)
        {
            recorder.Record(activity, messages, options);
        }
    }

    /// <summary>Gets whether the call's span captures message content, so that an inner stage may record what it sent.</summary>
    /// <param name="activity">The call's span, as <see cref="Current"/> returned it, or <see langword="null"/>.</param>
    public static bool CapturesContent(Activity? activity) =>
        activity?.GetCustomProperty(SentContentRecorder.PropertyName) is SentContentRecorder;

    /// <summary>Records the response an inner stage received, when the call's span captures content.</summary>
    /// <remarks>
    /// The privacy stage calls it with the provider's response, so that <c>gen_ai.output.messages</c> shows placeholders,
    /// not the personal values restored for the caller; the telemetry stage then leaves the output it already has.
    /// </remarks>
    /// <param name="activity">The call's span, as <see cref="Current"/> returned it, or <see langword="null"/>.</param>
    /// <param name="response">The response as the provider gave it.</param>
    public static void RecordReceivedResponse(Activity? activity, ChatResponse response)
    {
        if (activity?.GetCustomProperty(SentContentRecorder.PropertyName) is SentContentRecorder recorder)
        {
            recorder.RecordReceived(activity, response);
        }
    }

    /// <summary>Records that an inner stage changed the model the call requests, after the span started.</summary>
    /// <remarks>
    /// The prompt stage calls it when a prompt's model config replaces the caller's model. It updates
    /// <c>gen_ai.request.model</c> and the span name <c>chat {model}</c>. The metrics and logs do not read it back: they
    /// take the model from the prompt stamped on the answer, which is there whether or not the span is recorded.
    /// </remarks>
    /// <param name="model">The model id now requested; nothing changes when it is <see langword="null"/> or blank.</param>
    public static void SetRequestModel(string? model)
    {
        if (string.IsNullOrWhiteSpace(model) || Current is not { } activity)
        {
            return;
        }

        activity.SetTag(LlmOpsTelemetry.Attributes.RequestModel, model);
        activity.DisplayName = $"{LlmOpsTelemetry.ChatOperation} {model}";
    }
}
