using System.Globalization;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Scores the Levenshtein distance and normalised similarity of the response to the closest reference answer.</summary>
/// <remarks>
/// Gives two scores: <c>levenshtein_similarity</c> (1 − distance / longer length, with a verdict) and
/// <c>levenshtein_distance</c> (edits, no verdict). Counts Unicode scalar values. No reference answer, no score.
/// </remarks>
public sealed class LevenshteinEvaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator: <c>levenshtein</c>.</summary>
    public const string DefaultName = "levenshtein";

    /// <summary>The name of the similarity score: <c>levenshtein_similarity</c>.</summary>
    public const string SimilarityScoreName = "levenshtein_similarity";

    /// <summary>The name of the distance score: <c>levenshtein_distance</c>.</summary>
    public const string DistanceScoreName = "levenshtein_distance";

    /// <summary>Initializes a new instance of the <see cref="LevenshteinEvaluator"/> class.</summary>
    /// <param name="passThreshold">The lowest similarity that passes, from 0 to 1; 0.8 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passThreshold"/> is outside [0, 1].</exception>
    public LevenshteinEvaluator(double passThreshold = 0.8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passThreshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passThreshold, 1.0);
        PassThreshold = passThreshold;
    }

    /// <summary>Gets the lowest similarity that passes.</summary>
    public double PassThreshold { get; }

    /// <inheritdoc/>
    public string Name => DefaultName;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ReferenceAnswers.Count == 0)
        {
            return new([]);
        }

        var bestSimilarity = -1.0;
        var bestDistance = 0;
        foreach (var reference in context.ReferenceAnswers)
        {
            var similarity = LevenshteinDistance.Similarity(context.ResponseText, reference);
            if (similarity > bestSimilarity)
            {
                bestSimilarity = similarity;
                bestDistance = LevenshteinDistance.Compute(context.ResponseText, reference);
            }
        }

        var passed = bestSimilarity >= PassThreshold;
        return new([
            new EvaluationScore(SimilarityScoreName, bestSimilarity, passed, string.Create(CultureInfo.InvariantCulture,
                $"Similarity {bestSimilarity:0.###} to the closest of {context.ReferenceAnswers.Count} reference(s); passes at {PassThreshold:0.###}.")),
            new EvaluationScore(DistanceScoreName, bestDistance, explanation: string.Create(CultureInfo.InvariantCulture,
                $"{bestDistance} edit(s) from the closest reference.")),
        ]);
    }
}
