using System.Buffers;

namespace LlmOps.Sdk.Evaluation;

/// <summary>The updates of a stream being evaluated, kept in pooled arrays until the stream ends.</summary>
/// <remarks>
/// A list would grow by copying through seven arrays for a 200-update stream, about 4 KB of garbage per stream; pooled
/// arrays are returned, cleared, when the stream is disposed. Used by one stream at a time.
/// </remarks>
internal sealed class StreamedUpdates : IDisposable
{
    private ChatResponseUpdate[] _items = ArrayPool<ChatResponseUpdate>.Shared.Rent(32);
    private int _count;

    /// <summary>Keeps an update.</summary>
    public void Add(ChatResponseUpdate update)
    {
        if (_count == _items.Length)
        {
            var larger = ArrayPool<ChatResponseUpdate>.Shared.Rent(_items.Length * 2);
            Array.Copy(_items, larger, _count);
            ArrayPool<ChatResponseUpdate>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }

        _items[_count++] = update;
    }

    /// <summary>Assembles the response from the updates kept; call it once, when the stream has ended.</summary>
    /// <remarks>Joins the runs of plain text updates in place first (<see cref="TextRuns"/>), so the kept updates change.</remarks>
    public ChatResponse ToChatResponse()
    {
        _count = TextRuns.Join(_items.AsSpan(0, _count));
        return new ArraySegment<ChatResponseUpdate>(_items, 0, _count).ToChatResponse();
    }

    /// <summary>Returns the array to the pool, cleared, so that it keeps no update alive.</summary>
    public void Dispose()
    {
        var items = _items;
        _items = [];
        _count = 0;
        if (items.Length > 0)
        {
            ArrayPool<ChatResponseUpdate>.Shared.Return(items, clearArray: true);
        }
    }
}
