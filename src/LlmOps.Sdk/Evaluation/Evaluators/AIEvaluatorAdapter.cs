using Microsoft.Extensions.AI.Evaluation;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Runs a <c>Microsoft.Extensions.AI.Evaluation</c> <see cref="IEvaluator"/> (an LLM judge, say) as an evaluation hook.</summary>
/// <remarks>
/// Each metric becomes a score of the same name: a <see cref="NumericMetric"/> gives its value, a <see cref="BooleanMetric"/>
/// 1 or 0 (and a verdict), a <see cref="StringMetric"/> its text as the label. The metric's interpretation, when set,
/// gives the verdict (<see cref="EvaluationMetricInterpretation.Failed"/> fails); its reason, or the metric's, is the
/// explanation. A metric with an error diagnostic gets <see cref="EvaluationScore.ErrorType"/> <c>evaluation_diagnostic</c>.
/// </remarks>
public sealed class AIEvaluatorAdapter : IResponseEvaluator
{
    /// <summary>The <see cref="EvaluationScore.ErrorType"/> of a metric that carries an error diagnostic: <c>evaluation_diagnostic</c>.</summary>
    public const string DiagnosticErrorType = "evaluation_diagnostic";

    private readonly IEvaluator _evaluator;
    private readonly ChatConfiguration? _chatConfiguration;
    private readonly Func<ChatEvaluationContext, IEnumerable<Microsoft.Extensions.AI.Evaluation.EvaluationContext>?>? _additionalContext;

    /// <summary>Initializes a new instance of the <see cref="AIEvaluatorAdapter"/> class.</summary>
    /// <param name="evaluator">The evaluator to run.</param>
    /// <param name="chatConfiguration">The chat client the evaluator judges with, when it needs one.</param>
    /// <param name="additionalContext">Builds the evaluator's extra context (a ground truth, say) from the call; none when <see langword="null"/>.</param>
    /// <param name="name">The name of this hook; the evaluator's metric names, joined, by default.</param>
    public AIEvaluatorAdapter(
        IEvaluator evaluator,
        ChatConfiguration? chatConfiguration = null,
        Func<ChatEvaluationContext, IEnumerable<Microsoft.Extensions.AI.Evaluation.EvaluationContext>?>? additionalContext = null,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        _evaluator = evaluator;
        _chatConfiguration = chatConfiguration;
        _additionalContext = additionalContext;
        Name = name ?? (evaluator.EvaluationMetricNames.Count > 0
            ? string.Join('+', evaluator.EvaluationMetricNames)
            : evaluator.GetType().Name);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await _evaluator.EvaluateAsync(
            context.Messages, context.Response, _chatConfiguration, _additionalContext?.Invoke(context), cancellationToken);
        var scores = new List<EvaluationScore>(result.Metrics.Count);
        foreach (var metric in result.Metrics.Values)
        {
            scores.Add(ToScore(metric));
        }

        return scores;
    }

    internal static EvaluationScore ToScore(EvaluationMetric metric)
    {
        var (value, passed, label) = metric switch
        {
            NumericMetric numeric => (numeric.Value, (bool?)null, (string?)null),
            BooleanMetric boolean => (boolean.Value is { } b ? (b ? 1.0 : 0.0) : (double?)null, boolean.Value, null),
            StringMetric text => (null, null, text.Value),
            _ => ((double?)null, (bool?)null, (string?)null),
        };

        if (metric.Interpretation is { } interpretation)
        {
            passed = !interpretation.Failed;
        }

        var error = FirstError(metric);
        return new EvaluationScore(metric.Name, value, passed, error ?? metric.Reason ?? metric.Interpretation?.Reason)
        {
            Label = label,
            ErrorType = error is null ? null : DiagnosticErrorType,
        };
    }

    private static string? FirstError(EvaluationMetric metric)
    {
        if (metric.Diagnostics is { } diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Severity == EvaluationDiagnosticSeverity.Error)
                {
                    return diagnostic.Message;
                }
            }
        }

        return null;
    }
}
