namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>Runs one call on the streaming or the non-streaming path, so that a test covers both with one body.</summary>
internal static class ChatCalls
{
    public static readonly ChatMessage[] Question = [new(ChatRole.User, "How do I reset my password?")];

    public static async Task<ChatResponse> RunAsync(IChatClient client, bool streaming, ChatOptions? options = null, IEnumerable<ChatMessage>? messages = null)
    {
        messages ??= Question;
        if (!streaming)
        {
            return await client.GetResponseAsync(messages, options);
        }

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public static object? Tag(this System.Diagnostics.Activity span, string name) => span.GetTagItem(name);
}
