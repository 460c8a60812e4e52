using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LlmOps.Sdk.Telemetry;

/// <summary>The dimensions of a call's metric records, built in place and handed to each record as a span.</summary>
/// <remarks>
/// Used instead of <see cref="System.Diagnostics.TagList"/>, whose 150 bytes were copied whole whenever a method returned
/// one or changed one of its tags: the hottest part of a call's end in a profile. A call's records share one instance,
/// each changing only its own last tag (the token type, or the error type). Never copied: pass it by reference.
/// </remarks>
internal struct MetricTags
{
    /// <summary>The most dimensions a record has: the conventions' six, the prompt's two, and the record's own.</summary>
    public const int Capacity = 9;

    private Buffer _tags;
    private int _count;

    /// <summary>Gets how many dimensions are set.</summary>
    public readonly int Count => _count;

    /// <summary>Gets the dimensions set, for a record.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<KeyValuePair<string, object?>> Span => ((ReadOnlySpan<KeyValuePair<string, object?>>)_tags)[.._count];

    /// <summary>Adds a dimension.</summary>
    public void Add(string key, object? value) => _tags[_count++] = new(key, value);

    /// <summary>Sets the one dimension after the first <paramref name="sharedCount"/>: adds it, or replaces the last record's.</summary>
    public void SetLast(int sharedCount, string key, object? value)
    {
        _tags[sharedCount] = new(key, value);
        _count = sharedCount + 1;
    }

    /// <summary>Keeps only the first <paramref name="count"/> dimensions.</summary>
    public void Truncate(int count) => _count = count;

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private KeyValuePair<string, object?> _element;
    }
}
