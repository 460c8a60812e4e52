using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts;

public sealed class PromptYamlFormatTests
{
    private const string FilePath = "forecast/v1.yaml";

    [Fact]
    public void Parse_SamplingSeedAndTools_ReadsEachSetting()
    {
        const string Yaml = """
            model:
              top_k: 40
              frequency_penalty: 0.5
              presence_penalty: -0.25
              seed: 1234567890123
              allow_multiple_tool_calls: false
              tools:
                - name: get_weather
                  description: Gets the weather of a city.
                  parameters: { type: object, properties: { city: { type: string } }, required: [city] }
                - name: convert
                  parameters: '{"type":"object","properties":{"début":{"type":"number"}}}'
                - name: ping
            text: Tomorrow?
            """;

        var version = PromptYamlFormat.Parse(FilePath, Yaml, "forecast", 1);

        var model = version.Model!; // the file has a model
        Assert.Equal((40, 0.5f, -0.25f, 1_234_567_890_123L, false), (model.TopK, model.FrequencyPenalty, model.PresencePenalty, model.Seed, model.AllowMultipleToolCalls));
        var tools = model.Tools!.Cast<AIFunctionDeclaration>().ToList();
        Assert.Equal(["get_weather", "convert", "ping"], tools.Select(static t => t.Name));
        Assert.Equal("Gets the weather of a city.", tools[0].Description);
        Assert.Equal("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""", tools[0].JsonSchema.GetRawText());
        Assert.Equal("""{"type":"object","properties":{"début":{"type":"number"}}}""", tools[1].JsonSchema.GetRawText());
        Assert.Equal("""{"type":"object","properties":{}}""", tools[2].JsonSchema.GetRawText());
    }

    [Fact]
    public void Parse_TheReadmeExample_ReadsEverySettingItShows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path ?? throw new InvalidOperationException("Run the tests from a clone."), "README.md"));
        var start = readme.IndexOf("### The YAML prompt file format", StringComparison.Ordinal);
        var block = readme.IndexOf("```yaml\n", start, StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = readme[block..readme.IndexOf("```", block, StringComparison.Ordinal)];

        var version = PromptYamlFormat.Parse("README.md", yaml, "forecast", 1);

        var model = version.Model!; // the example has a model
        Assert.Equal((40, 0.5f, -0.25f, 1_234_567_890_123L, false), (model.TopK, model.FrequencyPenalty, model.PresencePenalty, model.Seed, model.AllowMultipleToolCalls));
        Assert.Equal(["get_weather", "convert"], model.Tools!.Select(static t => t.Name));
    }

    [Theory]
    [InlineData("frequency_penalty: 2.5", 3, "'frequency_penalty' is '2.5'; it must be a number from -2 to 2")]
    [InlineData("presence_penalty: high", 3, "'presence_penalty' is 'high'; it must be a number from -2 to 2")]
    [InlineData("top_k: 0", 3, "'top_k' is '0'; it must be a whole number from 1")]
    [InlineData("seed: 1.5", 3, "'seed' is '1.5'; it must be a whole number")]
    [InlineData("allow_multiple_tool_calls: sometimes", 3, "'allow_multiple_tool_calls' is 'sometimes'; it must be true or false")]
    [InlineData("tools: get_weather", 3, "'tools' must be a list of tools")]
    [InlineData("tools:\n    - description: no name", 4, "This tool has no 'name'")]
    [InlineData("tools:\n    - name: a\n    - name: a", 5, "Two tools are named 'a'")]
    [InlineData("tools:\n    - name: a\n      parameters: '{not json'", 5, "The parameters of tool 'a' are a string but not valid JSON")]
    [InlineData("tools:\n    - name: a\n      params: {}", 5, "params")]
    public void Parse_BadSetting_ThrowsWithFileLineAndFix(string setting, int line, string message)
    {
        var yaml = $"text: Hi\nmodel:\n  {setting}\n";

        var error = Assert.Throws<PromptException>(() => PromptYamlFormat.Parse(FilePath, yaml, "forecast", 1));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((FilePath, line), (error.FilePath, error.Line));
        Assert.NotNull(error.Column);
    }
}
