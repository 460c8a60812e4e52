using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class BleuEvaluatorTests
{
    [Fact]
    public async Task EvaluateAsync_References_ScoresSmoothedSentenceBleu()
    {
        var score = await new BleuEvaluator().ScoreAsync(EvaluatorTestContext.For("John loves Mary who loves Mike", ["John loves Mary"]));

        Assert.Equal(0.20205155046766235, score.Value!.Value, 1e-9); // NLTK sentence_bleu with method1
        Assert.False(score.Passed); // below the default 0.3
    }

    [Fact]
    public async Task EvaluateAsync_ShorterThanEveryReference_IsPenalised()
    {
        var score = await new BleuEvaluator().ScoreAsync(EvaluatorTestContext.For("the cat", ["the cat sat on the mat", "a cat was sitting on the mat"]));

        Assert.True(score.Value < 0.1, $"A two-word answer to six-word references scored {score.Value}.");
    }

    [Fact]
    public async Task EvaluateAsync_NoReference_GivesNoScore()
    {
        Assert.Empty(await new BleuEvaluator().ScoresAsync(EvaluatorTestContext.For("anything")));
    }
}
