using System.Collections;

namespace LlmOps.Sdk.Telemetry;

/// <summary>The attributes a span gets when it starts, handed to <see cref="System.Diagnostics.ActivitySource.StartActivity(System.Diagnostics.ActivityKind, System.Diagnostics.ActivityContext, IEnumerable{KeyValuePair{string, object}}, IEnumerable{System.Diagnostics.ActivityLink}, DateTimeOffset, string)"/>.</summary>
/// <remarks>
/// <para>
/// Attributes given at start reach the samplers, as the GenAI conventions ask for the model, provider and server, and
/// they cost less: the span copies them without taking its lock once per attribute, as <c>AddTag</c> does.
/// </para>
/// <para>
/// One buffer per thread, rented for the start of one span and returned right after, so that starting a span allocates
/// no list and no enumerator. The span copies the attributes; a sampler sees them only while it decides. A start that
/// happens while the thread's buffer is out (a sampler that starts a span) gets a buffer of its own.
/// </para>
/// </remarks>
internal sealed class SpanTagBuffer : IEnumerable<KeyValuePair<string, object?>>, IEnumerator<KeyValuePair<string, object?>>
{
    /// <summary>The most attributes a call's span starts with: every request attribute set at once.</summary>
    private const int Capacity = 16;

    [ThreadStatic]
    private static SpanTagBuffer? _threadBuffer;

    private readonly KeyValuePair<string, object?>[] _tags = new KeyValuePair<string, object?>[Capacity];
    private int _count;
    private int _index = -1;
    private bool _out;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> Current => _tags[_index];

    object IEnumerator.Current => Current;

    /// <summary>Takes the thread's buffer, or a new one when it is out.</summary>
    public static SpanTagBuffer Rent()
    {
        // The buffer stays in its slot while out, marked as such, so that giving it back reads no thread-static: each
        // read calls into the runtime on Linux, and the mark halves the pair's cost (4 ns against 7.6 ns, measured).
        var buffer = _threadBuffer ??= new SpanTagBuffer();
        if (buffer._out)
        {
            return new SpanTagBuffer { _out = true }; // a nested start: its buffer is never the thread's
        }

        buffer._out = true;
        return buffer;
    }

    /// <summary>Empties the buffer, so that it holds on to no value, and gives it back to the thread.</summary>
    public void Return()
    {
        Array.Clear(_tags, 0, _count);
        _count = 0;
        _index = -1;
        _out = false;
    }

    public void Add(string key, object? value) => _tags[_count++] = new(key, value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        _index = -1;
        return this;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool MoveNext() => ++_index < _count;

    /// <inheritdoc/>
    public void Reset() => _index = -1;

    /// <inheritdoc/>
    public void Dispose()
    {
        // The buffer outlives its enumerations: Return empties it.
    }
}
