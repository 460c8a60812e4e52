using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Tests.Experiments.Gates;

public sealed class GateConditionTests
{
    [Fact]
    public void Parse_ScoreThreshold_ReadsScoreOperatorAndNumber()
    {
        var condition = GateCondition.Parse("token_f1.mean < 0.70");

        Assert.Equal((null, "token_f1.mean", "token_f1", GateOperator.LessThan, 0.70), (condition.Candidate, condition.Metric, condition.Score, condition.Operator, condition.Threshold));
    }

    [Fact]
    public void Parse_CandidateAndPercent_ScopesToTheCandidate()
    {
        var condition = GateCondition.Parse("v3-gpt-4.1-mini:exact_match.pass_rate<=85%");

        Assert.Equal(("v3-gpt-4.1-mini", "exact_match", GateOperator.LessThanOrEqual, 0.85), (condition.Candidate, condition.Score, condition.Operator, condition.Threshold));
    }

    [Fact]
    public void Parse_CandidateMetric_HasNoScore()
    {
        var condition = GateCondition.Parse("latency.p95 > 2000");

        Assert.Null(condition.Score);
        Assert.True(condition.IsMetBy(2001));
        Assert.False(condition.IsMetBy(2000));
    }

    [Theory]
    [InlineData("token_f1.mean << 0.70", 16, "expected a number")]
    [InlineData("token_f1.mean 0.70", 15, "expected one of <, <=")]
    [InlineData("token_f1 < 0.70", 1, "unknown metric 'token_f1'")]
    [InlineData("token_f1.average < 0.70", 10, "unknown statistic 'average'")]
    [InlineData("token_f1.mean < 0.70 and", 22, "unexpected 'and'")]
    [InlineData("  < 0.70", 3, "expected a metric")]
    public void Parse_BadExpression_ThrowsNamingTheColumn(string expression, int column, string problem)
    {
        var exception = Assert.Throws<GateConditionException>(() => GateCondition.Parse(expression));

        Assert.Equal(column, exception.Column);
        Assert.Equal(expression, exception.Expression);
        Assert.StartsWith($"Gate condition '{expression}', column {column}: {problem}", exception.Message, StringComparison.Ordinal);
    }
}
