using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Tests.Evaluation.Evaluators;

public sealed class JsonSchemaEvaluatorTests
{
    private const string Schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": { "city": { "type": "string" }, "population": { "type": "integer", "minimum": 0 } },
          "required": ["city"]
        }
        """;

    [Fact]
    public async Task EvaluateAsync_Conforming_Passes()
    {
        var score = await new JsonSchemaEvaluator(Schema).ScoreAsync(EvaluatorTestContext.For("{\"city\": \"Paris\", \"population\": 2100000}"));

        Assert.Equal(("json_schema", 1.0, true), (score.Name, score.Value, score.Passed));
    }

    [Fact]
    public async Task EvaluateAsync_Violation_FailsNamingTheLocation()
    {
        var score = await new JsonSchemaEvaluator(Schema).ScoreAsync(EvaluatorTestContext.For("{\"city\": \"Paris\", \"population\": -5}"));

        Assert.False(score.Passed);
        Assert.Contains("'minimum' fails at '/population'", score.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("-5", score.Explanation, StringComparison.Ordinal); // the value is user data
    }

    [Fact]
    public async Task EvaluateAsync_MissingRequiredProperty_Fails()
    {
        var score = await new JsonSchemaEvaluator(Schema).ScoreAsync(EvaluatorTestContext.For("{\"population\": 5}"));

        Assert.False(score.Passed);
    }

    [Fact]
    public async Task EvaluateAsync_NotJson_Fails()
    {
        var score = await new JsonSchemaEvaluator(Schema).ScoreAsync(EvaluatorTestContext.For("Paris"));

        Assert.False(score.Passed);
        Assert.Contains("not valid JSON", score.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_SchemaNotJson_ThrowsNamingTheEvaluator()
    {
        var error = Assert.Throws<ArgumentException>(() => new JsonSchemaEvaluator("{ not json", name: "city_schema"));

        Assert.Contains("'city_schema'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctor_TwoSchemasWithTheSameId_DoNotCollide()
    {
        const string First = """{"$id": "https://example.com/s", "type": "string"}""";
        const string Second = """{"$id": "https://example.com/s", "type": "integer"}""";

        var first = new JsonSchemaEvaluator(First);
        var second = new JsonSchemaEvaluator(Second);

        Assert.True((await second.ScoreAsync(EvaluatorTestContext.For("5"))).Passed);
        Assert.True((await first.ScoreAsync(EvaluatorTestContext.For("\"five\""))).Passed);
    }
}
