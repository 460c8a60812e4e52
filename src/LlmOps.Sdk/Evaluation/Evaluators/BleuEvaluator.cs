using System.Globalization;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Scores smoothed sentence BLEU-4 of the response against all reference answers, as NLTK's <c>sentence_bleu</c> with method 1.</summary>
/// <remarks>Tokens are white-space separated and case-sensitive. A call without a reference answer gets no score.</remarks>
public sealed class BleuEvaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator and its score: <c>bleu</c>.</summary>
    public const string DefaultName = "bleu";

    /// <summary>Initializes a new instance of the <see cref="BleuEvaluator"/> class.</summary>
    /// <param name="passThreshold">The lowest BLEU that passes, from 0 to 1; 0.3 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passThreshold"/> is outside [0, 1].</exception>
    public BleuEvaluator(double passThreshold = 0.3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passThreshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passThreshold, 1.0);
        PassThreshold = passThreshold;
    }

    /// <summary>Gets the lowest BLEU that passes.</summary>
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

        var bleu = TextMetrics.SentenceBleu(context.ReferenceAnswers, context.ResponseText, smoothing: true);
        var passed = bleu >= PassThreshold;
        return new([new EvaluationScore(Name, bleu, passed, string.Create(CultureInfo.InvariantCulture,
            $"Smoothed sentence BLEU-4 {bleu:0.###} against {context.ReferenceAnswers.Count} reference(s); passes at {PassThreshold:0.###}."))]);
    }
}
