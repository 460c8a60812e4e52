using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Cancels one evaluation when its timeout elapses.</summary>
/// <remarks>
/// Runs on a timer thread, where an exception would end the process: a callback the evaluator registered on its token
/// may throw, and the evaluation may finish and dispose its token source just as the timer fires.
/// </remarks>
/// <param name="cancellation">The evaluation's token source.</param>
/// <param name="logger">Where a failing cancellation callback is logged.</param>
/// <param name="evaluatorName">The evaluator, for the log.</param>
internal sealed class EvaluationTimeout(CancellationTokenSource cancellation, ILogger logger, string evaluatorName)
{
    public static void Fire(object? state) => ((EvaluationTimeout)state!).Cancel(); // the state is always one of these

    private void Cancel()
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The evaluation finished, and released its token source, as the timer fired: nothing is left to cancel.
        }
#pragma warning disable CA1031 // an evaluator's own cancellation callback is user code; the timeout still applies
        catch (Exception exception)
#pragma warning restore CA1031
        {
            EvaluationLog.CancellationCallbackFailed(logger, evaluatorName, exception);
        }
    }
}
