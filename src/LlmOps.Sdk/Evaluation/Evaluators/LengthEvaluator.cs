using System.Globalization;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the response's length, in characters (Unicode scalar values), is within bounds.</summary>
public sealed class LengthEvaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator and its score: <c>length</c>.</summary>
    public const string DefaultName = "length";

    /// <summary>Initializes a new instance of the <see cref="LengthEvaluator"/> class.</summary>
    /// <param name="minLength">The fewest characters allowed; no lower bound when <see langword="null"/>.</param>
    /// <param name="maxLength">The most characters allowed; no upper bound when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Neither bound is given, a bound is negative, or the minimum exceeds the maximum.</exception>
    public LengthEvaluator(int? minLength = null, int? maxLength = null)
    {
        if (minLength is null && maxLength is null)
        {
            throw new ArgumentException("Give a minimum length, a maximum length or both.", nameof(minLength));
        }

        if (minLength is < 0 || maxLength is < 0)
        {
            throw new ArgumentOutOfRangeException(minLength is < 0 ? nameof(minLength) : nameof(maxLength), "Lengths cannot be negative.");
        }

        if (minLength > maxLength)
        {
            throw new ArgumentException($"The minimum length {minLength} exceeds the maximum length {maxLength}.", nameof(minLength));
        }

        MinLength = minLength;
        MaxLength = maxLength;
    }

    /// <summary>Gets the fewest characters allowed, or <see langword="null"/>.</summary>
    public int? MinLength { get; }

    /// <summary>Gets the most characters allowed, or <see langword="null"/>.</summary>
    public int? MaxLength { get; }

    /// <inheritdoc/>
    public string Name => DefaultName;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var length = LevenshteinDistance.CountScalars(context.ResponseText);
        var passed = (MinLength is null || length >= MinLength) && (MaxLength is null || length <= MaxLength);
        return new([new EvaluationScore(Name, length, passed, string.Create(CultureInfo.InvariantCulture,
            $"{length} characters; allowed {MinLength?.ToString(CultureInfo.InvariantCulture) ?? "0"} to {MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "any"}."))]);
    }
}
