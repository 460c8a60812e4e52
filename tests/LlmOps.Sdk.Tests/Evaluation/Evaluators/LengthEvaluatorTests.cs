using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class LengthEvaluatorTests
{
    [Theory]
    [InlineData("", 0, false)]
    [InlineData("abc", 3, true)]
    [InlineData("abcdef", 6, false)]
    [InlineData("😀😀😀", 3, true)] // scalar values, not UTF-16 code units
    public async Task EvaluateAsync_Response_PassesWithinBounds(string response, double length, bool passed)
    {
        var score = await new LengthEvaluator(minLength: 1, maxLength: 5).ScoreAsync(EvaluatorTestContext.For(response));

        Assert.Equal((length, passed), (score.Value, score.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_OnlyMaximum_AllowsEmpty()
    {
        Assert.True((await new LengthEvaluator(maxLength: 10).ScoreAsync(EvaluatorTestContext.For(""))).Passed);
    }

    [Fact]
    public void Ctor_MinimumAboveMaximum_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new LengthEvaluator(10, 5));

        Assert.Contains("10 exceeds the maximum length 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NoBound_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LengthEvaluator());
    }
}
