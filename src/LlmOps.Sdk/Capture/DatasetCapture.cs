using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Feedback;

namespace LlmOps.Sdk.Capture;

/// <summary>Decides which calls are captured, takes their content from the recent-call index and queues it for writing.</summary>
/// <remarks>
/// Thread-safe. Every call's content stays in the index (references only, no copy) while it is among the recent calls,
/// so that a failing background score or negative feedback that arrives later can still capture a call the sampling
/// left out. A call is captured at most once; its line holds the scores and feedback known at that moment.
/// </remarks>
internal sealed class DatasetCapture
{
    private readonly RecentCallIndex _index;
    private readonly CaptureOptions _options;
    private readonly CaptureQueue _queue;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;

    public DatasetCapture(RecentCallIndex index, CaptureOptions options, CaptureQueue queue, TimeProvider timeProvider, Func<double>? random = null)
    {
        _index = index;
        _options = options;
        _queue = queue;
        _timeProvider = timeProvider;
        _random = random ?? Random.Shared.NextDouble;
        Sink = new CaptureEvaluationSink(this);
    }

    /// <summary>Gets the sink that hands evaluation results to capture.</summary>
    public IEvaluationSink Sink { get; }

    public CaptureQueue Queue => _queue;

    /// <summary>Decides, when a call returns, whether it is captured now.</summary>
    public void OnCall(string responseId, bool hasFailingScore)
    {
        if (hasFailingScore && _options.CaptureFailedScores)
        {
            Capture(responseId, CaptureReasons.ScoreFail);
            return;
        }

        var rate = _options.SamplingRate;
        if (rate >= 1.0 || (rate > 0.0 && _random() < rate))
        {
            Capture(responseId, CaptureReasons.Sampled);
        }
    }

    /// <summary>Keeps an evaluator's result with its call, and captures the call when the result fails it.</summary>
    public void OnRecord(EvaluationRecord record)
    {
        _index.Attach(record);
        if (_options.CaptureFailedScores && record.ResponseId is { } responseId && RecentCallIndex.AnyFailed(record))
        {
            Capture(responseId, CaptureReasons.ScoreFail); // a call not back yet is captured when it returns
        }
    }

    /// <summary>Keeps feedback with its call, and captures the call when the feedback is negative.</summary>
    public void OnFeedback(EvaluationRecord record, ChatFeedback feedback)
    {
        _index.Attach(record, feedback.Correction);
        if (_options.CaptureNegativeFeedback && feedback.IsNegative)
        {
            Capture(feedback.ResponseId, CaptureReasons.NegativeFeedback);
        }
    }

    private void Capture(string responseId, string reason)
    {
        if (_index.TryTake(responseId, reason, _timeProvider.GetUtcNow(), out var call))
        {
            _queue.TryEnqueue(call!); // TryTake returned true
        }
    }
}
