using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation;

/// <summary>An evaluator whose behaviour each test scripts; records every context it saw.</summary>
internal sealed class TestEvaluator : IResponseEvaluator
{
    private readonly Func<ChatEvaluationContext, CancellationToken, ValueTask<IReadOnlyList<EvaluationScore>>> _evaluate;
    private readonly List<ChatEvaluationContext> _contexts = [];
    private readonly Lock _gate = new();

    public TestEvaluator(string name, Func<ChatEvaluationContext, CancellationToken, ValueTask<IReadOnlyList<EvaluationScore>>> evaluate)
    {
        Name = name;
        _evaluate = evaluate;
    }

    public string Name { get; }

    public IReadOnlyList<ChatEvaluationContext> Contexts
    {
        get
        {
            lock (_gate)
            {
                return [.. _contexts];
            }
        }
    }

    /// <summary>Scores 1 and passes every call.</summary>
    public static TestEvaluator Passing(string name = "always") =>
        new(name, (_, _) => new([new EvaluationScore(name, 1.0, passed: true, "fine")]));

    /// <summary>Waits for <paramref name="release"/> (ignoring cancellation, as a badly written hook would), then scores 1.</summary>
    public static TestEvaluator Blocking(Task release, TaskCompletionSource? started = null, string name = "blocking") =>
        new(name, async (_, _) =>
        {
            started?.TrySetResult();
            await release;
            return [new EvaluationScore(name, 1.0, passed: true)];
        });

    /// <summary>Waits until its token is canceled, as a well-behaved slow hook (an LLM judge) would, then throws.</summary>
    public static TestEvaluator UntilCanceled(TaskCompletionSource started, string name = "judge") =>
        new(name, async (_, cancellationToken) =>
        {
            var canceled = new TaskCompletionSource<IReadOnlyList<EvaluationScore>>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = cancellationToken.Register(() => canceled.TrySetCanceled(cancellationToken));
            started.TrySetResult();
            return await canceled.Task;
        });

    public ValueTask<IReadOnlyList<EvaluationScore>> EvaluateAsync(ChatEvaluationContext context, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _contexts.Add(context);
        }

        return _evaluate(context, cancellationToken);
    }
}
