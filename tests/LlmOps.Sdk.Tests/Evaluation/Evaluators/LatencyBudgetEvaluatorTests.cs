using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class LatencyBudgetEvaluatorTests
{
    [Theory]
    [InlineData(800, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public async Task EvaluateAsync_Latency_PassesWithinBudget(int milliseconds, bool passed)
    {
        var context = EvaluatorTestContext.For("ok", latency: TimeSpan.FromMilliseconds(milliseconds));

        var score = await new LatencyBudgetEvaluator(TimeSpan.FromSeconds(1)).ScoreAsync(context);

        Assert.Equal(((double)milliseconds, passed), (score.Value, score.Passed));
    }

    [Fact]
    public void Ctor_ZeroBudget_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyBudgetEvaluator(TimeSpan.Zero));
    }
}
