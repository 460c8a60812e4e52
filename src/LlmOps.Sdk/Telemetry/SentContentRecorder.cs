using System.Diagnostics;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Records on the call's span the messages an inner stage actually sends, in place of the caller's.</summary>
/// <remarks>
/// The telemetry stage is outermost, so it sees the caller's messages: for a call that names a prompt, often none at
/// all. When it captures content, it leaves one of these on the span; the prompt stage hands it the rendered messages
/// (see <see cref="LlmOpsActivity.RecordSentMessages"/>), which then pass the same redactor as everything captured.
/// </remarks>
internal sealed class SentContentRecorder
{
    /// <summary>The name of the span's custom property that holds the recorder.</summary>
    public const string PropertyName = "LlmOps.Sdk.SentContentRecorder";

    /// <summary>The name of the span's custom property set once an inner stage recorded the output it received.</summary>
    public const string ReceivedPropertyName = "LlmOps.Sdk.ReceivedContentRecorded";

    private readonly ContentCleaner _cleaner;

    public SentContentRecorder(ContentCleaner cleaner) => _cleaner = cleaner;

    /// <summary>Replaces the span's input attributes with the messages and instructions sent.</summary>
    public void Record(Activity activity, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            activity.SetTag(LlmOpsTelemetry.Attributes.SystemInstructions, ChatContentSerializer.SerializeInstructions(options.Instructions, _cleaner));
        }

        activity.SetTag(LlmOpsTelemetry.Attributes.InputMessages, ChatContentSerializer.SerializeMessages(messages, null, isOutput: false, _cleaner));
    }

    /// <summary>Records the response an inner stage received, in place of the one the caller gets (placeholders, not values).</summary>
    public void RecordReceived(Activity activity, ChatResponse response)
    {
        activity.SetTag(
            LlmOpsTelemetry.Attributes.OutputMessages,
            ChatContentSerializer.SerializeMessages(response.Messages, response.FinishReason, isOutput: true, _cleaner));
        activity.SetCustomProperty(ReceivedPropertyName, this);
    }
}
