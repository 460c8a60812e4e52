using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class LevenshteinEvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_References_ScoresSimilarityAndDistanceToTheClosest()
    {
        var scores = await new LevenshteinEvaluator().ScoresAsync(EvaluatorTestContext.For("kitten", ["sitting", "kittens"]));

        var similarity = Assert.Single(scores, static s => s.Name == "levenshtein_similarity");
        var distance = Assert.Single(scores, static s => s.Name == "levenshtein_distance");
        Assert.Equal(1.0 - (1.0 / 7.0), similarity.Value!.Value, 12);
        Assert.True(similarity.Passed);
        Assert.Equal((1.0, null), (distance.Value, distance.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_EmptyResponseAndReference_IsIdentical()
    {
        var scores = await new LevenshteinEvaluator().ScoresAsync(EvaluatorTestContext.For("", [""]));

        Assert.Equal(1.0, Assert.Single(scores, static s => s.Name == "levenshtein_similarity").Value);
    }

    [Fact]
    public async Task EvaluateAsync_NoReference_GivesNoScore()
    {
        Assert.Empty(await new LevenshteinEvaluator().ScoresAsync(EvaluatorTestContext.For("anything")));
    }
}
