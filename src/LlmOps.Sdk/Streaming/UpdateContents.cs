using System.Runtime.InteropServices;

namespace LlmOps.Sdk.Streaming;

/// <summary>Reads a streamed update's contents as a span, for the loops that look at every chunk.</summary>
internal static class UpdateContents
{
    /// <summary>Returns the update's contents without an interface call per item: they are a list unless a provider set its own.</summary>
    public static ReadOnlySpan<AIContent> Of(ChatResponseUpdate update) =>
        update.Contents is List<AIContent> list ? CollectionsMarshal.AsSpan(list) : update.Contents.ToArray();
}
