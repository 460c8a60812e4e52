using System.Threading.Channels;
using LlmOps.Sdk.Evaluation;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Experiments;

/// <summary>One run of an experiment: the workers that run cases, and the single writer that records them.</summary>
/// <remarks>
/// Workers hand finished cases to the writer through a small bounded channel, so results never pile up in memory. The
/// writer alone touches the file and the totals, so neither needs a lock.
/// </remarks>
internal sealed class ExperimentRun
{
    private readonly Experiment _experiment;
    private readonly IReadOnlyList<CandidatePlan> _plans;
    private readonly string _resultsPath;
    private readonly HashSet<string> _done;
    private readonly IProgress<ExperimentProgress>? _progress;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _datasetHash;

    // Written by the writer task only; read after it ends.
    private int _completed;
    private int _failed;
    private long _inputTokens;
    private long _outputTokens;
    private decimal _cost;
    private int _failedInFlight; // counted by the workers, so the budget stops the run at once, not when the writer catches up
    private volatile bool _budgetExceeded;

    public ExperimentRun(
        Experiment experiment, IReadOnlyList<CandidatePlan> plans, string resultsPath, HashSet<string> done,
        IProgress<ExperimentProgress>? progress, TimeProvider timeProvider, ILogger logger)
    {
        _experiment = experiment;
        _plans = plans;
        _resultsPath = resultsPath;
        _done = done;
        _progress = progress;
        _timeProvider = timeProvider;
        _logger = logger;
        _datasetHash = experiment.Dataset.ContentHash;
    }

    public async Task<ExperimentRunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var totalCases = checked(_experiment.Dataset.Items.Count * _plans.Count * _experiment.Repetitions);
        var skipped = _done.Count == 0 ? 0 : CountSkipped();
        var toRun = totalCases - skipped;
        var started = _timeProvider.GetTimestamp();
        ExperimentLog.Starting(_logger, _experiment.Id, toRun, skipped, _resultsPath);

        var channel = Channel.CreateBounded<ExperimentCaseResult>(new BoundedChannelOptions(_experiment.MaxConcurrency * ExperimentConstants.WriteQueueCapacityPerWorker)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = WriteAsync(channel, stop, toRun, skipped, started);
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = _experiment.MaxConcurrency, CancellationToken = stop.Token };
            await Parallel.ForEachAsync(PendingCases(), options, async (@case, token) =>
            {
                var result = await RunCaseAsync(@case, token);
                if (result.Error is not null && _experiment.MaxFailedCases is { } budget
                    && Interlocked.Increment(ref _failedInFlight) > budget && !_budgetExceeded)
                {
                    _budgetExceeded = true;
                    ExperimentLog.ErrorBudgetExceeded(_logger, _experiment.Id, budget + 1, budget);
                    await stop.CancelAsync();
                }

                // Not canceled with the run: every finished case reaches the file, even the ones that finish as the run stops.
                await channel.Writer.WriteAsync(result, CancellationToken.None);
            });
        }
        catch (OperationCanceledException) when (_budgetExceeded && !cancellationToken.IsCancellationRequested)
        {
            // A worker stopped the run: more cases failed than the error budget allows.
        }
        finally
        {
            channel.Writer.TryComplete();
            await writer;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = _timeProvider.GetElapsedTime(started);
        ExperimentLog.Finished(_logger, _experiment.Id, _completed, _failed, elapsed.TotalSeconds);
        return new ExperimentRunResult
        {
            ExperimentId = _experiment.Id,
            ResultsPath = _resultsPath,
            DatasetHash = _datasetHash,
            Status = _budgetExceeded ? ExperimentRunStatus.ErrorBudgetExceeded : ExperimentRunStatus.Completed,
            TotalCases = totalCases,
            SkippedCases = skipped,
            CompletedCases = _completed,
            FailedCases = _failed,
            InputTokens = _inputTokens,
            OutputTokens = _outputTokens,
            Cost = _cost,
            Elapsed = elapsed,
        };
    }

    /// <summary>Lists the cases item by item, so candidates progress together and a stopped run leaves comparable pairs.</summary>
    private IEnumerable<ExperimentCase> AllCases()
    {
        foreach (var item in _experiment.Dataset.Items)
        {
            for (var repetition = 0; repetition < _experiment.Repetitions; repetition++)
            {
                foreach (var plan in _plans)
                {
                    yield return new ExperimentCase(item, plan, repetition);
                }
            }
        }
    }

    private IEnumerable<ExperimentCase> PendingCases()
    {
        foreach (var @case in AllCases())
        {
            if (_done.Count == 0 || !_done.Contains(@case.Key))
            {
                yield return @case;
            }
        }
    }

    private int CountSkipped()
    {
        var skipped = 0;
        foreach (var @case in AllCases())
        {
            if (_done.Contains(@case.Key))
            {
                skipped++;
            }
        }

        return skipped;
    }

    private async Task<ExperimentCaseResult> RunCaseAsync(ExperimentCase @case, CancellationToken cancellationToken)
    {
        var plan = @case.Plan;
        var item = @case.Item;
        var startedAt = _timeProvider.GetUtcNow();
        var start = _timeProvider.GetTimestamp();
        try
        {
            if (plan.Limiter is { } limiter)
            {
                await limiter.BeforeCallAsync(cancellationToken);
            }

            // The wait for a permit is not the call's latency.
            startedAt = _timeProvider.GetUtcNow();
            start = _timeProvider.GetTimestamp();
            var options = plan.CreateOptions(item, _experiment.Id);
            var rendered = plan.RendersThroughPipeline ? null : plan.Render(item);
            var response = await plan.Client.GetResponseAsync(rendered ?? [], options, cancellationToken);
            var latency = _timeProvider.GetElapsedTime(start);
            var usage = response.Usage;
            if (usage is not null)
            {
                plan.Limiter?.AfterCall((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));
            }

            var cost = plan.EstimateCost(response);
            var scores = _experiment.Evaluators.Count == 0
                ? []
                : await EvaluateAsync(@case, rendered ?? plan.Render(item), response, options, latency, cost, cancellationToken);
            return NewResult(@case, startedAt, latency, response.Text, scores, usage, cost);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            var errorType = error.GetType().Name;
            ExperimentLog.CaseFailed(_logger, _experiment.Id, item.Id, plan.Name, @case.Repetition, errorType, error);
            return NewResult(@case, startedAt, _timeProvider.GetElapsedTime(start), output: null, scores: [], usage: null, cost: null) with
            {
                ErrorType = errorType,
                Error = error.Message,
            };
        }
    }

    private async Task<List<ExperimentScore>> EvaluateAsync(
        ExperimentCase @case, List<ChatMessage> messages, ChatResponse response, ChatOptions options, TimeSpan latency, decimal? cost,
        CancellationToken cancellationToken)
    {
        var item = @case.Item;
        var context = new ChatEvaluationContext(messages, response)
        {
            Options = options,
            PromptName = @case.Plan.Prompt.Name,
            PromptVersion = @case.Plan.Prompt.Version,
            ReferenceAnswers = item.ReferenceAnswers,
            Metadata = item.EvaluationMetadata,
            Latency = latency,
            EstimatedCostUsd = cost is { } known ? (double)known : null,
        };
        List<ExperimentScore> scores = [];
        foreach (var evaluator in _experiment.Evaluators)
        {
            try
            {
                foreach (var score in await evaluator.EvaluateAsync(context, cancellationToken))
                {
                    scores.Add(new ExperimentScore(score.Name, score.Value, score.Passed, score.Explanation, score.ErrorType));
                }
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                // A broken evaluator costs its score, not the case: the output is still worth keeping.
                var errorType = error.GetType().Name;
                ExperimentLog.EvaluatorFailed(_logger, _experiment.Id, evaluator.Name, item.Id, @case.Plan.Name, errorType, error);
                scores.Add(new ExperimentScore(evaluator.Name, Explanation: error.Message, ErrorType: errorType));
            }
        }

        return scores;
    }

    private ExperimentCaseResult NewResult(
        ExperimentCase @case, DateTimeOffset startedAt, TimeSpan latency, string? output, IReadOnlyList<ExperimentScore> scores, UsageDetails? usage,
        decimal? cost) => new()
    {
        ExperimentId = _experiment.Id,
        Candidate = @case.Plan.Name,
        ItemId = @case.Item.Id,
        ItemHash = @case.Item.ContentHash,
        Repetition = @case.Repetition,
        DatasetHash = _datasetHash,
        PromptName = @case.Plan.Prompt.Name,
        PromptVersion = @case.Plan.Prompt.Version,
        PromptHash = @case.Plan.Prompt.ContentHash,
        Model = @case.Plan.Model,
        SettingsHash = @case.Plan.SettingsHash,
        StartedAt = startedAt,
        Output = output,
        Scores = scores,
        LatencyMilliseconds = latency.TotalMilliseconds,
        InputTokens = usage?.InputTokenCount,
        OutputTokens = usage?.OutputTokenCount,
        Cost = cost,
    };

    private async Task WriteAsync(Channel<ExperimentCaseResult> channel, CancellationTokenSource stop, int toRun, int skipped, long started)
    {
        try
        {
            using var file = new ResultsWriter(_resultsPath);

            // Drained to the end without a token: a case that finished is never lost, even when the run is stopping.
            // The cases already finished are written together, in one system call, before waiting for more: a kill
            // loses no more than it would line by line, and a busy run makes fewer writes.
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                var batch = 0;
                while (batch < ExperimentConstants.MaxLinesPerWrite && reader.TryRead(out var result))
                {
                    file.Append(result);
                    Count(result);
                    batch++;
                    _progress?.Report(Progress(toRun, skipped, started));
                }

                file.Flush();
            }
        }
        catch (Exception error)
        {
            // The workers wait on a full channel: fail their writes, or they would wait for ever.
            channel.Writer.TryComplete(error);
            await stop.CancelAsync();
            throw;
        }
    }

    private void Count(ExperimentCaseResult result)
    {
        _completed++;
        if (result.Error is not null)
        {
            _failed++;
        }

        _inputTokens += result.InputTokens ?? 0;
        _outputTokens += result.OutputTokens ?? 0;
        _cost += result.Cost ?? 0;
    }

    private ExperimentProgress Progress(int toRun, int skipped, long started)
    {
        var elapsed = _timeProvider.GetElapsedTime(started);
        TimeSpan? remaining = _completed == 0 ? null : elapsed / _completed * Math.Max(0, toRun - _completed);
        return new ExperimentProgress(_completed, toRun, skipped, _failed, _inputTokens, _outputTokens, _cost, elapsed, remaining);
    }
}
