using System.Runtime.CompilerServices;

namespace LlmOps.Sdk.Tests.Privacy;

/// <summary>A provider that records what it received and answers with scripted contents, streamed in given chunks.</summary>
internal sealed class RecordingChatClient : IChatClient
{
    /// <summary>Gets the messages of each call, as the provider received them.</summary>
    public List<IReadOnlyList<ChatMessage>> Received { get; } = [];

    /// <summary>Gets the options of each call, as the provider received them.</summary>
    public List<ChatOptions?> ReceivedOptions { get; } = [];

    /// <summary>Gets or sets the reply's text chunks, made from the messages received; one chunk per update when streaming.</summary>
    public Func<IReadOnlyList<ChatMessage>, IReadOnlyList<string>> Reply { get; set; } = static messages => [messages[^1].Text];

    /// <summary>Gets or sets extra contents of the reply (a function call), after the text.</summary>
    public Func<IReadOnlyList<ChatMessage>, IReadOnlyList<AIContent>> ExtraContents { get; set; } = static _ => [];

    /// <summary>Gets the text of every message the provider received, joined.</summary>
    public string AllReceivedText => string.Join("\n", Received.SelectMany(m => m).Select(m => m.Text));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var received = Record(messages, options);
        var contents = new List<AIContent> { new TextContent(string.Concat(Reply(received))) };
        contents.AddRange(ExtraContents(received));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, contents)) { ResponseId = "r1" });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var received = Record(messages, options);
        foreach (var chunk in Reply(received))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { ResponseId = "r1", MessageId = "m1" };
        }

        foreach (var content in ExtraContents(received))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ResponseId = "r1", MessageId = "m1" };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private List<ChatMessage> Record(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var received = messages.ToList();
        lock (Received)
        {
            Received.Add(received);
            ReceivedOptions.Add(options);
        }

        return received;
    }
}
