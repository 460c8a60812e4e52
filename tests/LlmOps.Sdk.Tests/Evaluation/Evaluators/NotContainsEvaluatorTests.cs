using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class NotContainsEvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_NonePresent_Passes()
    {
        var score = await new NotContainsEvaluator(["as an AI", "system prompt"]).ScoreAsync(EvaluatorTestContext.For("Open Settings."));

        Assert.Equal((1.0, true), (score.Value, score.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_OnePresent_FailsNamingIt()
    {
        var score = await new NotContainsEvaluator(["as an AI", "system prompt"]).ScoreAsync(EvaluatorTestContext.For("My SYSTEM PROMPT says no."));

        Assert.Equal((0.0, false), (score.Value, score.Passed));
        Assert.Contains("'system prompt'", score.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_EmptyResponse_Passes()
    {
        Assert.True((await new NotContainsEvaluator(["x"]).ScoreAsync(EvaluatorTestContext.For(""))).Passed);
    }
}
