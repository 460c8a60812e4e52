using System.Diagnostics;
using System.Text;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Writes a chat call's attributes on its span, as <c>OpenTelemetryChatClient</c> writes them, plus ours.</summary>
/// <remarks>Called only for a span that is being recorded. Content is written only when capture is on, redacted.</remarks>
internal static class ChatSpanTags
{
    /// <summary>Collects the request attributes that are cheap to compute, given to the span when it starts.</summary>
    public static void CollectRequestTags(
        SpanTagBuffer tags, string? model, string? providerName, string? serverAddress, object? serverPort, ChatOptions? options,
        bool streaming, SpanTagValues values)
    {
        tags.Add(LlmOpsTelemetry.Attributes.OperationName, LlmOpsTelemetry.ChatOperation);
        tags.Add(LlmOpsTelemetry.Attributes.RequestModel, model);
        tags.Add(LlmOpsTelemetry.Attributes.ProviderName, providerName);
        if (streaming)
        {
            tags.Add(LlmOpsTelemetry.Attributes.RequestStream, SpanTagValues.True);
        }

        if (serverAddress is not null)
        {
            tags.Add(LlmOpsTelemetry.Attributes.ServerAddress, serverAddress);
            tags.Add(LlmOpsTelemetry.Attributes.ServerPort, serverPort);
        }

        if (options is null)
        {
            return;
        }

        if (options.ConversationId is { } conversationId)
        {
            tags.Add(LlmOpsTelemetry.Attributes.ConversationId, conversationId);
        }

        AddIfSet(tags, LlmOpsTelemetry.Attributes.RequestFrequencyPenalty, options.FrequencyPenalty, values.FrequencyPenalty);
        AddIfSet(tags, LlmOpsTelemetry.Attributes.RequestMaxTokens, options.MaxOutputTokens, values.MaxTokens);
        AddIfSet(tags, LlmOpsTelemetry.Attributes.RequestPresencePenalty, options.PresencePenalty, values.PresencePenalty);
        AddIfSet(tags, LlmOpsTelemetry.Attributes.RequestSeed, options.Seed, values.Seed);
        AddIfSet(tags, LlmOpsTelemetry.Attributes.RequestTemperature, options.Temperature, values.Temperature);
        AddIfSet(tags, LlmOpsTelemetry.Attributes.RequestTopK, options.TopK, values.TopK);
        AddIfSet(tags, LlmOpsTelemetry.Attributes.RequestTopP, options.TopP, values.TopP);
        switch (options.ResponseFormat)
        {
            case ChatResponseFormatText:
                tags.Add(LlmOpsTelemetry.Attributes.OutputType, LlmOpsTelemetry.Values.OutputTypeText);
                break;
            case ChatResponseFormatJson:
                tags.Add(LlmOpsTelemetry.Attributes.OutputType, LlmOpsTelemetry.Values.OutputTypeJson);
                break;
        }
    }

    /// <summary>Adds the request attributes that take formatting (stop sequences, tool definitions), only on a recorded span.</summary>
    public static void AddRequestDetails(Activity activity, ChatOptions? options, bool captureContent, ContentCleaner cleaner)
    {
        if (options?.StopSequences is { Count: > 0 } stopSequences)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.RequestStopSequences, FormatStringArray(stopSequences));
        }

        if (options?.Tools is { Count: > 0 } tools)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ToolDefinitions, ChatContentSerializer.SerializeToolDefinitions(tools, captureContent, cleaner));
        }
    }

    /// <summary>Adds the attributes the caller asked for under <see cref="TelemetryConstants.SpanTagsKey"/>, such as an experiment's ids.</summary>
    public static void AddCallerTags(Activity activity, ChatOptions? options)
    {
        if (options?.AdditionalProperties is { Count: > 0 } properties
            && properties.TryGetValue(TelemetryConstants.SpanTagsKey, out var value)
            && value is KeyValuePair<string, object?>[] tags)
        {
            foreach (var (name, tag) in tags)
            {
                activity.SetTag(name, tag);
            }
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

    public static void AddResponseTags(
        Activity activity, ChatResponse? response, Exception? error, double? timeToFirstChunk, double? costUsd, SpanTagValues values)
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

        if (response.ModelId is { } responseModel)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ResponseModel, responseModel);
        }

        if (timeToFirstChunk is double seconds)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.ResponseTimeToFirstChunk, seconds);
        }

        if (response.Usage is { } usage)
        {
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageInputTokens, usage.InputTokenCount);
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageOutputTokens, usage.OutputTokenCount);
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageCacheReadInputTokens, usage.CachedInputTokenCount);
            AddTokens(activity, LlmOpsTelemetry.Attributes.UsageReasoningOutputTokens, usage.ReasoningTokenCount);
        }

        if (costUsd is double cost)
        {
            activity.AddTag(LlmOpsTelemetry.Attributes.CostUsd, values.Cost.Box(cost));
        }
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
            activity.AddTag(name, SpanTagValues.Tokens(value));
        }
    }

    private static void AddIfSet<T>(SpanTagBuffer tags, string name, T? value, BoxedTagValue<T> boxes)
        where T : unmanaged
    {
        if (value is T set)
        {
            tags.Add(name, boxes.Box(set));
        }
    }
}
