using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class JsonValidityEvaluatorTests
{
    [Theory]
    [InlineData("{\"city\": \"Paris\"}", true)]
    [InlineData("  [1, 2, 3]  ", true)]
    [InlineData("\"just a string\"", true)]
    [InlineData("{\"city\": \"Paris\",}", false)]
    [InlineData("Paris", false)]
    [InlineData("", false)]
    [InlineData("{\"emoji\": \"😀\"}", true)]
    public async Task EvaluateAsync_Response_PassesOnlyWellFormedJson(string response, bool passed)
    {
        var score = await new JsonValidityEvaluator().ScoreAsync(EvaluatorTestContext.For(response));

        Assert.Equal(passed, score.Passed);
    }

    [Fact]
    public async Task EvaluateAsync_InvalidJson_ExplainsWhere()
    {
        var score = await new JsonValidityEvaluator().ScoreAsync(EvaluatorTestContext.For("{\n  \"a\": ,\n}"));

        Assert.Contains("line 2", score.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task EvaluateAsync_MarkdownFence_CountsOnlyWhenAllowed(bool allowMarkdownFence, bool passed)
    {
        var score = await new JsonValidityEvaluator(allowMarkdownFence).ScoreAsync(EvaluatorTestContext.For("```json\n{\"a\": 1}\n```"));

        Assert.Equal(passed, score.Passed);
    }
}
