namespace LlmOps.Sdk.Testing;

/// <summary>Records one request that reached a <see cref="ScriptedChatClient"/>.</summary>
/// <param name="CallNumber">The 1-based number of the call, in the order calls arrived.</param>
/// <param name="Messages">A copy of the messages the call sent.</param>
/// <param name="Options">A copy of the options the call sent, taken when it arrived.</param>
/// <param name="Streaming">Whether the call asked for a streaming response.</param>
public sealed record ScriptedRequest(int CallNumber, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming);
