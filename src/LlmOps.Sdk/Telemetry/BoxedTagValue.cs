using System.Runtime.InteropServices;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Boxes one span attribute's value, reusing the last box while the value repeats.</summary>
/// <remarks>
/// A span stores attribute values as objects, so every number costs a 24-byte box per call. Request settings
/// (temperature, max tokens) repeat call after call, and so often do usage and cost: reusing the box is safe, because a
/// box never changes. Values compare bit for bit, so <c>-0.0</c> and <c>0.0</c> keep their own boxes. Thread-safe: a
/// race only boxes the value twice.
/// </remarks>
/// <typeparam name="T">The attribute's value type: a number without padding bytes.</typeparam>
internal sealed class BoxedTagValue<T>
    where T : unmanaged
{
    private object? _last;

    /// <summary>Returns <paramref name="value"/> boxed, as the last box when it holds the same value.</summary>
    public object Box(T value)
    {
        var last = _last;
        if (last is T previous && MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in previous)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value))))
        {
            return last;
        }

        object boxed = value;
        _last = boxed;
        return boxed;
    }
}
