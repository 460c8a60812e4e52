using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Feeds the guarded scores of every evaluation record, automatic or feedback, to the rollout figures.</summary>
/// <remarks>A record is counted against the prompt version it names; one about a prompt no rollout watches costs a lookup.</remarks>
internal sealed class RolloutEvaluationSink : IEvaluationSink
{
    private readonly RolloutFigures _figures;

    public RolloutEvaluationSink(RolloutFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        _figures = figures;
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record is { PromptName: { } name, PromptVersion: { } version })
        {
            _figures.RecordScores(name, version, record.Scores);
        }

        return ValueTask.CompletedTask;
    }
}
