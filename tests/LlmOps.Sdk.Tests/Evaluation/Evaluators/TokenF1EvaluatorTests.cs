using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class TokenF1EvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_SeveralReferences_ScoresTheBest()
    {
        // Against "cat sat": 2 common of 4 predicted, F1 2/3; against "dog": 0.
        var score = await new TokenF1Evaluator().ScoreAsync(EvaluatorTestContext.For("the cat sat on the mat", ["dog", "a cat sat"]));

        Assert.Equal(2.0 / 3.0, score.Value!.Value, 12);
        Assert.True(score.Passed);
    }

    [Fact]
    public async Task EvaluateAsync_BelowThreshold_Fails()
    {
        var score = await new TokenF1Evaluator(passThreshold: 0.9).ScoreAsync(EvaluatorTestContext.For("the cat sat on the mat", ["a cat sat"]));

        Assert.Equal((false, "fail"), (score.Passed, score.Label));
    }

    [Fact]
    public async Task EvaluateAsync_NoOverlap_ScoresZero()
    {
        var score = await new TokenF1Evaluator().ScoreAsync(EvaluatorTestContext.For("berlin", ["paris"]));

        Assert.Equal(0.0, score.Value);
    }

    [Fact]
    public void Ctor_ThresholdAboveOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenF1Evaluator(1.5));
    }
}
