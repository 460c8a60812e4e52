using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk;

/// <summary>Attaches what evaluators need to a call: reference answers and metadata.</summary>
public static class ChatOptionsEvaluationExtensions
{
    /// <summary>Attaches the expected answer of this call, for exact match, F1, BLEU and similar evaluators.</summary>
    /// <param name="options">The options of the call.</param>
    /// <param name="referenceAnswer">The expected answer.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    public static ChatOptions WithReferenceAnswer(this ChatOptions options, string referenceAnswer)
    {
        ArgumentNullException.ThrowIfNull(referenceAnswer);
        return options.WithReferenceAnswers([referenceAnswer]);
    }

    /// <summary>Attaches the acceptable answers of this call; reference-based evaluators score against the best match.</summary>
    /// <param name="options">The options of the call.</param>
    /// <param name="referenceAnswers">The acceptable answers; replaces any attached before.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    public static ChatOptions WithReferenceAnswers(this ChatOptions options, IEnumerable<string> referenceAnswers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(referenceAnswers);
        string[] answers = [.. referenceAnswers];
        foreach (var answer in answers)
        {
            ArgumentNullException.ThrowIfNull(answer, nameof(referenceAnswers));
        }

        (options.AdditionalProperties ??= [])[EvaluationPropertyKeys.ReferenceAnswers] = answers;
        return options;
    }

    /// <summary>Attaches a metadata value that evaluators can read from <see cref="ChatEvaluationContext.Metadata"/>.</summary>
    /// <param name="options">The options of the call.</param>
    /// <param name="key">The name of the value.</param>
    /// <param name="value">The value.</param>
    /// <returns>The same <paramref name="options"/>.</returns>
    public static ChatOptions WithEvaluationMetadata(this ChatOptions options, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var properties = options.AdditionalProperties ??= [];
        if (!properties.TryGetValue(EvaluationPropertyKeys.Metadata, out var existing) ||
            existing is not Dictionary<string, object?> metadata)
        {
            metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
            properties[EvaluationPropertyKeys.Metadata] = metadata;
        }

        metadata[key] = value;
        return options;
    }
}
