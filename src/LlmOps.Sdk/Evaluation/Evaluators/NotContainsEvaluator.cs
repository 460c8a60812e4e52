namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the response contains none of the given texts (banned words, leaked instructions, …).</summary>
public sealed class NotContainsEvaluator : IResponseEvaluator
{
    /// <summary>The default name of this evaluator and its score: <c>not_contains</c>.</summary>
    public const string DefaultName = "not_contains";

    private readonly string[] _forbidden;
    private readonly StringComparison _comparison;

    /// <summary>Initializes a new instance of the <see cref="NotContainsEvaluator"/> class.</summary>
    /// <param name="forbidden">The texts the response must not contain; at least one, none empty.</param>
    /// <param name="comparison">How texts are compared; <see cref="StringComparison.OrdinalIgnoreCase"/> by default.</param>
    /// <param name="name">The name of the evaluator and its score; <c>not_contains</c> by default.</param>
    /// <exception cref="ArgumentException"><paramref name="forbidden"/> is empty or holds an empty text.</exception>
    public NotContainsEvaluator(IEnumerable<string> forbidden, StringComparison comparison = StringComparison.OrdinalIgnoreCase, string name = DefaultName)
    {
        _forbidden = Texts.Check(forbidden, nameof(forbidden));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _comparison = comparison;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var present = Texts.Matching(context.ResponseText, _forbidden, _comparison, contained: true);

        return new([new EvaluationScore(Name, present is null ? 1.0 : 0.0, present is null,
            present is null ? "The response contains no forbidden text." : $"The response contains {Texts.Quote(present)}.")]);
    }
}
