namespace LlmOps.Sdk.Telemetry;

/// <summary>The reusable boxes of one telemetry stage's numeric span attributes, one per attribute.</summary>
/// <remarks>
/// One per stage, so that each attribute remembers the value its own calls repeat. Token counts of one call are
/// usually small: those up to <see cref="SmallIntCount"/> share boxes across all stages, filled on first use.
/// </remarks>
internal sealed class SpanTagValues
{
    private const int SmallIntCount = 1024;

    private static readonly object?[] SmallInts = new object?[SmallIntCount];

    /// <summary>Gets the box of <see langword="true"/>, for <c>gen_ai.request.stream</c>.</summary>
    public static object True { get; } = true;

    public BoxedTagValue<int> MaxTokens { get; } = new();

    public BoxedTagValue<float> Temperature { get; } = new();

    public BoxedTagValue<float> TopP { get; } = new();

    public BoxedTagValue<int> TopK { get; } = new();

    public BoxedTagValue<long> Seed { get; } = new();

    public BoxedTagValue<float> FrequencyPenalty { get; } = new();

    public BoxedTagValue<float> PresencePenalty { get; } = new();

    public BoxedTagValue<double> Cost { get; } = new();

    /// <summary>Returns a token count as the int the conventions type it, boxed, sharing the box of a small count.</summary>
    public static object Tokens(long tokens)
    {
        var value = (int)Math.Min(tokens, int.MaxValue);
        return (uint)value < SmallIntCount ? SmallInts[value] ??= value : value; // a race only boxes twice
    }
}
