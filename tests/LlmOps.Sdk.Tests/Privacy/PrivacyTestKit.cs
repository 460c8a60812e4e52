using System.Text;
using LlmOps.Sdk.Privacy;

namespace LlmOps.Sdk.Tests.Privacy;

/// <summary>Builds the privacy stage over a recording provider, and reads answers both ways.</summary>
internal static class PrivacyTestKit
{
    public static IChatClient Stage(RecordingChatClient provider, Action<PrivacyOptions>? configure = null)
    {
        var options = new PrivacyOptions { Enabled = true };
        configure?.Invoke(options);
        return new ChatClientBuilder(provider).UseLlmOpsPrivacy(options).Build();
    }

    /// <summary>Calls the client and returns the answer's text and contents, streamed or not.</summary>
    public static async Task<ChatResponse> CallAsync(IChatClient client, IEnumerable<ChatMessage> messages, bool streaming, ChatOptions? options = null)
    {
        if (!streaming)
        {
            return await client.GetResponseAsync(messages, options);
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public static Task<ChatResponse> CallAsync(IChatClient client, string text, bool streaming) =>
        CallAsync(client, [new ChatMessage(ChatRole.User, text)], streaming);

    /// <summary>Concatenates the text of a sequence of updates.</summary>
    public static string Text(IEnumerable<ChatResponseUpdate> updates)
    {
        var text = new StringBuilder();
        foreach (var update in updates)
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }
}
