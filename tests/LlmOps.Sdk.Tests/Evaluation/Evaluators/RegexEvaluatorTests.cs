using System.Text.RegularExpressions;
using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class RegexEvaluatorTests
{
    [Theory]
    [InlineData("Ticket #12345 opened.", true)]
    [InlineData("No ticket.", false)]
    [InlineData("", false)]
    public async Task EvaluateAsync_Response_PassesWhenPatternMatches(string response, bool passed)
    {
        var score = await new RegexEvaluator(@"#\d{5}\b", name: "ticket_id").ScoreAsync(EvaluatorTestContext.For(response));

        Assert.Equal(("ticket_id", passed), (score.Name, score.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_IgnoreCaseUnicode_Matches()
    {
        var score = await new RegexEvaluator("^CAFÉ", RegexOptions.IgnoreCase).ScoreAsync(EvaluatorTestContext.For("café au lait"));

        Assert.True(score.Passed);
    }

    [Fact]
    public void Ctor_InvalidPattern_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new RegexEvaluator("(unclosed"));
    }
}
