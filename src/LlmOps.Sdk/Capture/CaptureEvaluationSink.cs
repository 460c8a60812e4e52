using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Capture;

/// <summary>Gives capture every evaluation result, so that a call an evaluator fails is captured.</summary>
/// <remarks>Feedback records are handed to capture by the feedback recorder itself, with the correction, so they are skipped here.</remarks>
internal sealed class CaptureEvaluationSink(DatasetCapture capture) : IEvaluationSink
{
    public ValueTask WriteAsync(EvaluationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Source != EvaluationRecord.HumanSource)
        {
            capture.OnRecord(record);
        }

        return ValueTask.CompletedTask;
    }
}
