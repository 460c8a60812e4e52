using System.Diagnostics;
using System.Text;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Writes a chat call's attributes on its span, as <c>OpenTelemetryChatClient</c> writes them, plus ours.</summary>
/// <remarks>Called only for a span that is being recorded. Content is written only when capture is on, redacted.</remarks>
internal static class ChatSpanTags
{
    public static void AddRequestTags(
        Activity activity, string? model, string? providerName, string? serverAddress, int serverPort, ChatOptions? options,
        bool streaming, bool captureContent, ContentCleaner cleaner)
    {
        activity.AddTag(LlmOpsTelemetry.Attributes.OperationName, LlmOpsTelemetry.ChatOperation)
            .AddTag(LlmOpsTelemetry.Attributes.RequestModel, model)
            .AddTag(LlmOpsTelemetry.Attributes.ProviderName, providerName);
        if (streaming)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.RequestStream, true);
        }

        if (serverAddress is not null)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ServerAddress, serverAddress)
                .AddTag(LlmOpsTelemetry.Attributes.ServerPort, serverPort);
        }

        if (options is null)
        {
            return;
        }

        AddIfSet(activity, LlmOpsTelemetry.Attributes.ConversationId, options.ConversationId);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.RequestFrequencyPenalty, options.FrequencyPenalty);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.RequestMaxTokens, options.MaxOutputTokens);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.RequestPresencePenalty, options.PresencePenalty);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.RequestSeed, options.Seed);
        if (options.StopSequences is { Count: > 0 } stopSequences)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.RequestStopSequences, FormatStringArray(stopSequences));
        }

        AddIfSet(activity, LlmOpsTelemetry.Attributes.RequestTemperature, options.Temperature);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.RequestTopK, options.TopK);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.RequestTopP, options.TopP);
        switch (options.ResponseFormat)
        {
            case ChatResponseFormatText:
                activity.AddTag(LlmOpsTelemetry.Attributes.OutputType, LlmOpsTelemetry.Values.OutputTypeText);
                break;
            case ChatResponseFormatJson:
                activity.AddTag(LlmOpsTelemetry.Attributes.OutputType, LlmOpsTelemetry.Values.OutputTypeJson);
                break;
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ToolDefinitions, ChatContentSerializer.SerializeToolDefinitions(tools, captureContent, cleaner));
        }
    }

    public static void AddInputContent(Activity activity, IEnumerable<ChatMessage> messages, ChatOptions? options, ContentCleaner cleaner)
    {
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.SystemInstructions, ChatContentSerializer.SerializeInstructions(options.Instructions, cleaner));
        }

        activity.AddTag(LlmOpsTelemetry.Attributes.InputMessages, ChatContentSerializer.SerializeMessages(messages, null, isOutput: false, cleaner));
    }

    public static void AddOutputContent(Activity activity, ChatResponse response, ContentCleaner cleaner) =>
        activity.AddTag(
            LlmOpsTelemetry.Attributes.OutputMessages,
            ChatContentSerializer.SerializeMessages(response.Messages, response.FinishReason, isOutput: true, cleaner));

    public static void AddResponseTags(Activity activity, ChatResponse? response, Exception? error, double? timeToFirstChunk, double? costUsd)
    {
        if (error is not null)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ErrorType, error.GetType().FullName)
                .SetStatus(ActivityStatusCode.Error, error.Message);
        }

        if (response is null)
        {
            return;
        }

        if (response.FinishReason is { } finishReason)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ResponseFinishReasons, FormatFinishReason(finishReason));
        }

        if (!string.IsNullOrWhiteSpace(response.ResponseId))
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ResponseId, response.ResponseId);
        }

        AddIfSet(activity, LlmOpsTelemetry.Attributes.ResponseModel, response.ModelId);
        AddIfSet(activity, LlmOpsTelemetry.Attributes.ResponseTimeToFirstChunk, timeToFirstChunk);
        if (response.Usage is { } usage)
        {
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageInputTokens, usage.InputTokenCount);
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageOutputTokens, usage.OutputTokenCount);
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageCacheReadInputTokens, usage.CachedInputTokenCount);
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageReasoningOutputTokens, usage.ReasoningTokenCount);
        }

        AddIfSet(activity, LlmOpsTelemetry.Attributes.CostUsd, costUsd);
    }

    /// <summary>Formats the finish reason as the conventions' one-element array; the common ones without allocating.</summary>
    private static string FormatFinishReason(ChatFinishReason reason) =>
        reason == ChatFinishReason.Stop ? "[\"stop\"]"
        : reason == ChatFinishReason.Length ? "[\"length\"]"
        : reason == ChatFinishReason.ToolCalls ? "[\"tool_calls\"]"
        : reason == ChatFinishReason.ContentFilter ? "[\"content_filter\"]"
#pragma warning disable CA1308 // the conventions' finish reasons are lowercase
        : $"[\"{reason.Value.ToLowerInvariant()}\"]";
#pragma warning restore CA1308

    /// <summary>Formats a list the way the conventions' string-array attributes are written by <c>OpenTelemetryChatClient</c>.</summary>
    private static string FormatStringArray(IList<string> values)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            builder.Append(i == 0 ? "\"" : ", \"").Append(values[i]).Append('"');
        }

        return builder.Append(']').ToString();
    }

    // Token counts are ints on the span, as OpenTelemetryChatClient writes them, so queries typed on them keep working.
    private static void AddTokens(Activity activity, string name, long? tokens)
    {
        if (tokens is long value)
        {
            activity.AddTag(name, (int)Math.Min(value, int.MaxValue));
        }
    }

    private static void AddIfSet(Activity activity, string name, string? value)
    {
        if (value is not null)
        {
            activity.AddTag(name, value);
        }
    }

    private static void AddIfSet<T>(Activity activity, string name, T? value)
        where T : struct
    {
        if (value is T set)
        {
            activity.AddTag(name, set);
        }
    }
}
