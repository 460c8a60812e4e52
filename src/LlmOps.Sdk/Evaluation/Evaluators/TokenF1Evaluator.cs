using System.Globalization;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Scores the SQuAD v1.1 token F1 of the response against the best-matching reference answer.</summary>
/// <remarks>A call without a reference answer gets no score.</remarks>
public sealed class TokenF1Evaluator : IResponseEvaluator
{
    /// <summary>The name of this evaluator and its score: <c>token_f1</c>.</summary>
    public const string DefaultName = "token_f1";

    /// <summary>Initializes a new instance of the <see cref="TokenF1Evaluator"/> class.</summary>
    /// <param name="passThreshold">The lowest F1 that passes, from 0 to 1; 0.5 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passThreshold"/> is outside [0, 1].</exception>
    public TokenF1Evaluator(double passThreshold = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passThreshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passThreshold, 1.0);
        PassThreshold = passThreshold;
    }

    /// <summary>Gets the lowest F1 that passes.</summary>
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

        var best = 0.0;
        foreach (var reference in context.ReferenceAnswers)
        {
            best = Math.Max(best, SquadText.F1(context.ResponseText, reference));
        }

        var passed = best >= PassThreshold;
        return new([new EvaluationScore(Name, best, passed, string.Create(CultureInfo.InvariantCulture,
            $"Token F1 {best:0.###} against the best of {context.ReferenceAnswers.Count} reference(s); passes at {PassThreshold:0.###}."))]);
    }
}
