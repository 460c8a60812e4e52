namespace LlmOps.Sdk.Evaluation;

/// <summary>Passes when the response contains every one of the given texts.</summary>
public sealed class ContainsEvaluator : IResponseEvaluator
{
    /// <summary>The default name of this evaluator and its score: <c>contains</c>.</summary>
    public const string DefaultName = "contains";

    private readonly string[] _required;
    private readonly StringComparison _comparison;

    /// <summary>Initializes a new instance of the <see cref="ContainsEvaluator"/> class.</summary>
    /// <param name="required">The texts the response must contain; at least one, none empty.</param>
    /// <param name="comparison">How texts are compared; <see cref="StringComparison.OrdinalIgnoreCase"/> by default.</param>
    /// <param name="name">The name of the evaluator and its score; <c>contains</c> by default.</param>
    /// <exception cref="ArgumentException"><paramref name="required"/> is empty or holds an empty text.</exception>
    public ContainsEvaluator(IEnumerable<string> required, StringComparison comparison = StringComparison.OrdinalIgnoreCase, string name = DefaultName)
    {
        _required = Texts.Check(required, nameof(required));
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
        var missing = Texts.Matching(context.ResponseText, _required, _comparison, contained: false);

        var found = _required.Length - (missing?.Count ?? 0);
        return new([new EvaluationScore(Name, (double)found / _required.Length, missing is null,
            missing is null ? "The response contains every required text." : $"The response lacks {Texts.Quote(missing)}.")]);
    }
}
