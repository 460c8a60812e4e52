using System.Text;
using System.Text.Json;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Tests.Prompts.Admin;

public sealed class PromptVersionJsonTests
{
    private const string Origin = "test store";

    [Fact]
    public void Deserialize_SettingsFromPromptyFiles_RoundTripWithTheHash()
    {
        using var schema = JsonDocument.Parse("""{ "type": "object", "properties": { "city": { "type": "string" } } }""");
        var version = new PromptVersion("weather", 1, "Weather in {{city}}?")
        {
            Model = new PromptModelSettings
            {
                ModelId = "gpt-4o",
                TopK = 40,
                FrequencyPenalty = 0.5f,
                PresencePenalty = -0.25f,
                Seed = 1234567890123,
                AllowMultipleToolCalls = false,
                Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather.", schema.RootElement.Clone())],
            },
        };

        var read = PromptVersionJson.Deserialize(PromptVersionJson.Serialize(version), Origin);

        Assert.Equal(version.ContentHash, read.ContentHash);
        var model = read.Model!;
        Assert.Equal((40, 0.5f, -0.25f, 1234567890123L, false), (model.TopK, model.FrequencyPenalty, model.PresencePenalty, model.Seed, model.AllowMultipleToolCalls));
        var tool = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(model.Tools!));
        Assert.Equal(("get_weather", "Gets the weather.", schema.RootElement.GetRawText()), (tool.Name, tool.Description, tool.JsonSchema.GetRawText()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00:10:00")]
    public void Deserialize_VersionOptedInToTheResponseCache_KeepsItsCacheSetting(string? duration)
    {
        var cache = new PromptCacheSettings { Duration = duration is null ? null : TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture) };
        var version = new PromptVersion("faq", 1, "Answer {{question}}") { Cache = cache };

        var read = PromptVersionJson.Deserialize(PromptVersionJson.Serialize(version), Origin);

        Assert.Equal(cache, read.Cache);
        Assert.Null(PromptVersionJson.Deserialize(PromptVersionJson.Serialize(new PromptVersion("faq", 1, "Answer {{question}}")), Origin).Cache);
    }

    [Fact]
    public void Deserialize_SerializedChatPrompt_RoundTripsEveryPartAndTheHash()
    {
        var version = Full();

        var read = PromptVersionJson.Deserialize(PromptVersionJson.Serialize(version), Origin);

        Assert.Equal(version.ContentHash, read.ContentHash);
        Assert.Equal(version.Messages, read.Messages);
        Assert.Null(read.Text);
        Assert.Equal(version.Variables, read.Variables);
        Assert.Equal(version.Metadata.OrderBy(m => m.Key), read.Metadata.OrderBy(m => m.Key));
        Assert.Equal(version.Source, read.Source);
        var model = read.Model!;
        Assert.Equal(("gpt-4o-mini", 0.2f, 0.95f, 512), (model.ModelId, model.Temperature, model.TopP, model.MaxOutputTokens));
        Assert.Equal(["END", "STOP"], model.StopSequences!);
        var format = Assert.IsType<ChatResponseFormatJson>(model.ResponseFormat);
        Assert.Equal(("answer", "The answer.", """{ "type": "object",  "required": ["text"] }"""), (format.SchemaName, format.SchemaDescription, format.Schema?.GetRawText()));
        Assert.Equal("seed-text", model.Extras!["s"]);
        Assert.Equal(42, model.Extras["i"]);
        Assert.Equal(42L, model.Extras["l"]);
        Assert.Equal(0.1, model.Extras["d"]);
        Assert.Equal(0.1f, model.Extras["f"]);
        Assert.Equal(1.5m, model.Extras["m"]);
        Assert.Equal(true, model.Extras["b"]);
        Assert.Null(model.Extras["n"]);
        Assert.Equal("""{"a": [1, 2]}""", ((JsonElement)model.Extras["j"]!).GetRawText());
    }

    [Fact]
    public void Deserialize_SerializedTextPrompt_StaysATextPrompt()
    {
        var version = new PromptVersion("greet", 3, "Hello {{name}}\r\nBye") { Model = new PromptModelSettings { ResponseFormat = ChatResponseFormat.Json } };

        var read = PromptVersionJson.Deserialize(PromptVersionJson.SerializeToString(version), Origin);

        Assert.Equal(("greet", 3, "Hello {{name}}\r\nBye"), (read.Name, read.Version, read.Text));
        Assert.Same(ChatResponseFormat.Json, read.Model?.ResponseFormat);
        Assert.Equal(version.ContentHash, read.ContentHash);
    }

    [Fact]
    public void Serialize_SameVersionTwice_WritesTheSameBytesWhateverTheMetadataOrder()
    {
        var first = new PromptVersion("greet", 1, "Hi") { Metadata = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };
        var second = new PromptVersion("greet", 1, "Hi") { Metadata = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };

        Assert.Equal(PromptVersionJson.SerializeToString(first), PromptVersionJson.SerializeToString(second));
    }

    [Fact]
    public void Serialize_Version_WritesTheDocumentedShape()
    {
        var json = PromptVersionJson.SerializeToString(new PromptVersion("greet", 1, [new PromptMessageTemplate(ChatRole.System, "Be brief.")]));

        Assert.StartsWith("""{"format":1,"name":"greet","version":1,"messages":[{"role":"system","template":"Be brief."}],"variables":[],"metadata":{},"contentHash":""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TemplateEditedInTheDocument_ThrowsNamingThePromptAndTheHash()
    {
        var json = PromptVersionJson.SerializeToString(new PromptVersion("greet", 2, "Hello")).Replace("Hello", "Hacked", StringComparison.Ordinal);

        var error = Assert.Throws<PromptException>(() => PromptVersionJson.Deserialize(json, Origin));

        Assert.Equal(("greet", (int?)2), (error.PromptName, error.Version));
        Assert.Contains("Prompt 'greet' version 2 in test store cannot be read: its content does not match its content hash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NewerFormat_ThrowsSayingToUpdate()
    {
        var json = PromptVersionJson.SerializeToString(new PromptVersion("greet", 2, "Hello")).Replace("\"format\":1", "\"format\":9", StringComparison.Ordinal);

        var error = Assert.Throws<PromptException>(() => PromptVersionJson.Deserialize(json, Origin));

        Assert.Contains("written in format 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("Update the LlmOps packages", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"format":1}""")]
    [InlineData("""{"format":1,"name":"greet","version":1,"messages":[{"role":"user"}],"contentHash":"x"}""")]
    public void Deserialize_NotAPromptVersion_ThrowsNamingWhereItWasRead(string json)
    {
        var error = Assert.Throws<PromptException>(() => PromptVersionJson.Deserialize(Encoding.UTF8.GetBytes(json), Origin));

        Assert.Contains("in test store cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ExtraOfAnUnstorableType_ThrowsNamingTheExtra()
    {
        var version = new PromptVersion("greet", 1, "Hi") { Model = new PromptModelSettings { Extras = new Dictionary<string, object?> { ["when"] = new object() } } };

        var error = Assert.Throws<PromptException>(() => PromptVersionJson.Serialize(version));

        Assert.Contains("model extra 'when' of type Object", error.Message, StringComparison.Ordinal);
    }

    private static PromptVersion Full()
    {
        using var schema = JsonDocument.Parse("""{ "type": "object",  "required": ["text"] }""");
        using var extra = JsonDocument.Parse("""{"a": [1, 2]}""");
        return new PromptVersion("support/reply", 7,
        [
            new PromptMessageTemplate(ChatRole.System, "You answer for {{company}}.\r\n\"Quotes\" and \u2028 and \0."),
            new PromptMessageTemplate(new ChatRole("developer"), "{{#items}}- {{.}}\n{{/items}}"),
            new PromptMessageTemplate(ChatRole.User, "{{question}}"),
        ])
        {
            Model = new PromptModelSettings
            {
                ModelId = "gpt-4o-mini",
                Temperature = 0.2f,
                TopP = 0.95f,
                MaxOutputTokens = 512,
                StopSequences = ["END", "STOP"],
                ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone(), "answer", "The answer."),
                Extras = new Dictionary<string, object?>
                {
                    ["s"] = "seed-text", ["i"] = 42, ["l"] = 42L, ["d"] = 0.1, ["f"] = 0.1f, ["m"] = 1.5m, ["b"] = true, ["n"] = null,
                    ["j"] = extra.RootElement.Clone(),
                },
            },
            Variables = [new PromptVariable("company", false, "Contoso", "Who we are"), new PromptVariable("question"), new PromptVariable("items", false)],
            Metadata = new Dictionary<string, string> { ["owner"] = "team-a", ["ticket"] = "T-1" },
            Source = "prompts/support/reply/v7.yaml",
        };
    }
}
