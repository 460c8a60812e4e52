using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class ExactMatchEvaluatorTests
{
    [Theory]
    [InlineData("The Eiffel Tower!", 1.0, true)]
    [InlineData("Eiffel tower in Paris", 0.0, false)]
    [InlineData("", 0.0, false)]
    public async Task EvaluateAsync_Response_MatchesAnyReferenceAfterNormalisation(string response, double value, bool passed)
    {
        var score = await new ExactMatchEvaluator().ScoreAsync(EvaluatorTestContext.For(response, ["Louvre", "eiffel tower"]));

        Assert.Equal(("exact_match", value, passed), (score.Name, score.Value, score.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_NoReference_GivesNoScore()
    {
        var scores = await new ExactMatchEvaluator().ScoresAsync(EvaluatorTestContext.For("anything"));

        Assert.Empty(scores);
    }
}
