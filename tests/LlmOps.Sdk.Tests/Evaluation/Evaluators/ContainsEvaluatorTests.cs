using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class ContainsEvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_AllPresent_Passes()
    {
        var score = await new ContainsEvaluator(["settings", "RESET"]).ScoreAsync(EvaluatorTestContext.For("Open Settings and choose Reset."));

        Assert.Equal((1.0, true), (score.Value, score.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_SomeMissing_FailsWithShareFoundAndNamesTheMissing()
    {
        var score = await new ContainsEvaluator(["settings", "password", "e-mail"]).ScoreAsync(EvaluatorTestContext.For("Open settings."));

        Assert.Equal(1.0 / 3.0, score.Value!.Value, 12);
        Assert.False(score.Passed);
        Assert.Contains("'password'", score.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_OrdinalComparison_IsCaseSensitive()
    {
        var score = await new ContainsEvaluator(["Café"], StringComparison.Ordinal).ScoreAsync(EvaluatorTestContext.For("café"));

        Assert.False(score.Passed);
    }

    [Fact]
    public void Ctor_NoText_ThrowsWithFix()
    {
        var error = Assert.Throws<ArgumentException>(() => new ContainsEvaluator([]));

        Assert.Contains("at least one text", error.Message, StringComparison.Ordinal);
    }
}
