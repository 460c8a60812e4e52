using System.Text.Json;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Cli;

/// <summary>A prompt version with every model setting set, to prove that an export loses none of them.</summary>
internal static class EverySettingPrompt
{
    public const string Name = "forecast";

    public static PromptVersion Create(int version = 1)
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}""");
        using var compact = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","maxLength":80}},"required":["city"]}""");

        // Spacing, a non-ASCII name and an exponent that YAML would rewrite: this schema must travel as JSON text.
        using var unusual = JsonDocument.Parse("{ \"type\": \"object\",\n  \"properties\": { \"début\": { \"type\": \"number\", \"maximum\": 1e3 } } }");
        return new PromptVersion(Name, version, [new(ChatRole.System, "You forecast for {{city}}."), new(ChatRole.User, "Tomorrow?")])
        {
            Model = new PromptModelSettings
            {
                ModelId = "gpt-4.1-mini",
                Temperature = 0.3f,
                TopP = 0.9f,
                TopK = 40,
                FrequencyPenalty = 0.5f,
                PresencePenalty = -0.25f,
                Seed = 1_234_567_890_123,
                AllowMultipleToolCalls = false,
                MaxOutputTokens = 300,
                StopSequences = ["END"],
                ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone(), "forecast"),
                Tools =
                [
                    AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather of a city.", compact.RootElement.Clone()),
                    AIFunctionFactory.CreateDeclaration("convert", null, unusual.RootElement.Clone()),
                    AIFunctionFactory.Create(static (string city, int days) => $"{city}: {days}", "get_history", "Gets past weather."),
                ],
                Extras = new Dictionary<string, object?> { ["mode"] = JsonElement.Parse("\"fast\""), ["retries"] = JsonElement.Parse("2") },
            },
            Variables = [new PromptVariable("city", Required: true, Default: null, Description: "Where")],
            Metadata = new Dictionary<string, string> { ["owner"] = "weather-team" },
        };
    }

    /// <summary>Asserts that <paramref name="actual"/> has every setting of <paramref name="expected"/>, tool schemas to the byte.</summary>
    public static void AssertSameSettings(PromptVersion expected, PromptVersion actual)
    {
        Assert.Equal(expected.ContentHash, actual.ContentHash);
        var (want, got) = (expected.Model!, actual.Model); // Create sets a model
        Assert.NotNull(got);
        Assert.Equal(
            (want.ModelId, want.Temperature, want.TopP, want.TopK, want.FrequencyPenalty, want.PresencePenalty, want.Seed, want.AllowMultipleToolCalls, want.MaxOutputTokens),
            (got.ModelId, got.Temperature, got.TopP, got.TopK, got.FrequencyPenalty, got.PresencePenalty, got.Seed, got.AllowMultipleToolCalls, got.MaxOutputTokens));
        Assert.Equal(want.StopSequences, got.StopSequences);
        var (wantFormat, gotFormat) = ((ChatResponseFormatJson)want.ResponseFormat!, Assert.IsType<ChatResponseFormatJson>(got.ResponseFormat));
        Assert.Equal((wantFormat.SchemaName, wantFormat.Schema!.Value.GetRawText()), (gotFormat.SchemaName, gotFormat.Schema?.GetRawText()));
        Assert.Equal(
            want.Tools!.Select(static t => (t.Name, t.Description, ((AIFunctionDeclaration)t).JsonSchema.GetRawText())),
            got.Tools!.Select(static t => (t.Name, t.Description, Assert.IsAssignableFrom<AIFunctionDeclaration>(t).JsonSchema.GetRawText())));
        Assert.Equal(
            want.Extras!.OrderBy(static e => e.Key).Select(static e => (e.Key, ((JsonElement)e.Value!).GetRawText())),
            got.Extras!.OrderBy(static e => e.Key).Select(static e => (e.Key, Assert.IsType<JsonElement>(e.Value).GetRawText())));
    }
}
