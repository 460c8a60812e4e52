using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class CostBudgetEvaluatorTests
{
    [Theory]
    [InlineData(0.002, true)]
    [InlineData(0.01, true)]
    [InlineData(0.0101, false)]
    public async Task EvaluateAsync_Cost_PassesWithinBudget(double cost, bool passed)
    {
        var score = await new CostBudgetEvaluator(0.01).ScoreAsync(EvaluatorTestContext.For("ok", costUsd: cost));

        Assert.Equal((cost, passed), (score.Value, score.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_UnknownCost_GivesNoScore()
    {
        Assert.Empty(await new CostBudgetEvaluator(0.01).ScoresAsync(EvaluatorTestContext.For("ok")));
    }

    [Fact]
    public void Ctor_NegativeBudget_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CostBudgetEvaluator(-1));
    }
}
