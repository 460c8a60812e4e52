using System.Diagnostics;

namespace LlmOps.Sdk.Evaluation;

internal sealed partial class EvaluationPipeline
{
    /// <summary>Publishes an inline record and starts its sink writes, added to <paramref name="writes"/> (created on first need).</summary>
    private List<Task>? PublishInline(EvaluationRecord record, Activity? activity, List<Task>? writes, CancellationToken cancellationToken)
    {
        Publish(record, activity);
        if (_sinks.Length > 0)
        {
            (writes ??= []).Add(WriteToSinksAsync(record, cancellationToken));
        }

        return writes;
    }

    private void Publish(EvaluationRecord record, Activity? activity)
    {
        foreach (var score in record.Scores)
        {
            if (score.Value is { } value && score.ErrorType is null)
            {
                _metrics.RecordScore(value, score.Name, record.EvaluatorName, record.PromptName, record.PromptVersion);
            }

            if (activity is not null)
            {
                activity.AddEvent(new ActivityEvent(LlmOpsTelemetry.Events.EvaluationResult, tags: ToTags(score, record)));
            }
        }
    }

    private static ActivityTagsCollection ToTags(EvaluationScore score, EvaluationRecord record)
    {
        var tags = new ActivityTagsCollection { [LlmOpsTelemetry.Attributes.EvaluationName] = score.Name };
        if (score.Value is { } value)
        {
            tags[LlmOpsTelemetry.Attributes.EvaluationScoreValue] = value;
        }

        if (score.Label is { } label)
        {
            tags[LlmOpsTelemetry.Attributes.EvaluationScoreLabel] = label;
        }

        if (score.Explanation is { } explanation)
        {
            tags[LlmOpsTelemetry.Attributes.EvaluationExplanation] = explanation;
        }

        if (record.ResponseId is { } responseId)
        {
            tags[LlmOpsTelemetry.Attributes.ResponseId] = responseId;
        }

        if (score.ErrorType is { } errorType)
        {
            tags[LlmOpsTelemetry.Attributes.ErrorType] = errorType;
        }

        return tags;
    }

    /// <summary>Waits for the inline results' sink writes within what is left of the inline budget; slower writes go on unawaited.</summary>
    private async Task WaitForSinksAsync(List<Task> writes, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(writes);
        if (all.IsCompleted)
        {
            return;
        }

        try
        {
            // WriteToSinksAsync never throws, so a write left running cannot surface as an unobserved exception.
            await all.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _timeProvider, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            EvaluationLog.SinksStillWriting(_logger);
        }
    }

    private async Task WriteToSinksAsync(EvaluationRecord record, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.WriteAsync(record, cancellationToken);
            }
#pragma warning disable CA1031 // a sink is user code: its failure is counted and logged, never the call's failure
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _metrics.RecordSinkFailure(record.EvaluatorName);
                EvaluationLog.SinkFailed(_logger, sink.GetType().Name, record.EvaluatorName, exception);
            }
        }
    }
}
