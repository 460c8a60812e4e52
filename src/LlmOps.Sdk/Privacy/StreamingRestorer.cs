namespace LlmOps.Sdk.Privacy;

/// <summary>Restores placeholders in a streamed response, including one split across chunks (<c>&lt;EMA</c> + <c>IL_1&gt;</c>).</summary>
/// <remarks>
/// <para>
/// A chunk is held back only from an unmatched <c>&lt;</c> whose tail is the beginning of a placeholder this call
/// issued, so at most the longest placeholder's length minus one; everything else goes on at once. A chunk with no
/// <c>&lt;</c> and nothing held passes through as the same object. What is still held at the end is flushed as it is:
/// it never completed a placeholder.
/// </para>
/// <para>Not thread-safe: one stream, read by one consumer.</para>
/// </remarks>
internal sealed class StreamingRestorer
{
    private readonly PrivacyCall _call;
    private string _pending = string.Empty;
    private ChatResponseUpdate? _last;

    public StreamingRestorer(PrivacyCall call) => _call = call;

    /// <summary>Gets how many characters are held back now.</summary>
    internal int PendingLength => _pending.Length;

    /// <summary>Returns the update to hand on: <paramref name="update"/> itself when it holds nothing to restore or hold back.</summary>
    public ChatResponseUpdate Restore(ChatResponseUpdate update)
    {
        _last = update;
        var contents = update.Contents;
        List<AIContent>? changed = null;
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            AIContent? restored;
            if (content is TextContent text)
            {
                var value = RestoreChunk(text.Text);
                restored = ReferenceEquals(value, text.Text)
                    ? content
                    : value.Length == 0 ? null : new TextContent(value) { AdditionalProperties = text.AdditionalProperties };
            }
            else
            {
                restored = _call.RestoreContent(content);
            }

            if (!ReferenceEquals(restored, content) && changed is null)
            {
                changed = new List<AIContent>(contents.Count);
                for (var j = 0; j < i; j++)
                {
                    changed.Add(contents[j]);
                }
            }

            if (changed is not null && restored is not null)
            {
                changed.Add(restored);
            }
        }

        return changed is null ? update : Copy(update, changed);
    }

    /// <summary>Returns an update with what is still held back, at the end of the stream, or <see langword="null"/>.</summary>
    public ChatResponseUpdate? Flush()
    {
        if (_pending.Length == 0)
        {
            return null;
        }

        var text = _pending;
        _pending = string.Empty;
        return new ChatResponseUpdate(ChatRole.Assistant, text)
        {
            ConversationId = _last?.ConversationId,
            MessageId = _last?.MessageId,
            ModelId = _last?.ModelId,
            ResponseId = _last?.ResponseId,
        };
    }

    private static ChatResponseUpdate Copy(ChatResponseUpdate update, List<AIContent> contents) => new(update.Role, contents)
    {
        AdditionalProperties = update.AdditionalProperties,
        AuthorName = update.AuthorName,
        ConversationId = update.ConversationId,
        CreatedAt = update.CreatedAt,
        FinishReason = update.FinishReason,
        MessageId = update.MessageId,
        ModelId = update.ModelId,
        RawRepresentation = update.RawRepresentation,
        ResponseId = update.ResponseId,
    };

    private string RestoreChunk(string text)
    {
        if (_pending.Length == 0 && text.AsSpan().IndexOf('<') < 0)
        {
            return text;
        }

        var combined = _pending.Length == 0 ? text : string.Concat(_pending, text);
        _pending = string.Empty;

        // Placeholders hold no '<', so only the last one can start a placeholder that the next chunk completes.
        var open = combined.LastIndexOf('<');
        if (open >= 0 && combined.AsSpan(open).IndexOf('>') < 0 && _call.Map.IsIssuedPrefix(combined.AsSpan(open)))
        {
            _pending = combined[open..];
            combined = combined[..open];
        }

        return _call.Map.Restore(combined);
    }
}
