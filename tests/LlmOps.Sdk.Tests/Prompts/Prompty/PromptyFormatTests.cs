using System.Text.Json;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Testing;

namespace LlmOps.Sdk.Tests.Prompts.Prompty;

public sealed class PromptyFormatTests : IDisposable
{
    private readonly PromptDirectory _dir = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Parse_DisplayNameWithSpaces_LoadsUnderTheFolderNameAndKeepsTheName()
    {
        var prompt = Load("""
            ---
            name: Basic Prompt
            displayName: The basic prompt
            ---
            user:
            Hello
            """, folder: "basic");

        Assert.Equal("basic", prompt.Name);
        Assert.Equal(("Basic Prompt", "The basic prompt"), (prompt.Metadata["name"], prompt.Metadata["displayName"]));
    }

    [Fact]
    public void Parse_AuthorsAndTagsLists_AreKeptAsMetadata()
    {
        var prompt = Load("""
            ---
            authors: [sethjuarez, jietong]
            metadata:
              tags: [production, v2]
              version: "2.0"
            ---
            user:
            Hello
            """);

        Assert.Equal(("sethjuarez, jietong", "production, v2", "2.0"), (prompt.Metadata["authors"], prompt.Metadata["tags"], prompt.Metadata["version"]));
    }

    [Fact]
    public void Parse_V1Model_ReadsDeploymentAndParameters()
    {
        var prompt = Load("""
            ---
            model:
              api: chat
              configuration:
                type: azure_openai
                azure_deployment: gpt-35-turbo
                api_key: ${env:AZURE_OPENAI_API_KEY}
              parameters:
                max_tokens: 128
                temperature: 0.2
                frequency_penalty: 0.5
                presence_penalty: -0.5
                seed: 42
                stop: ["###"]
                logit_bias: { "50256": -100 }
            ---
            user:
            Hello
            """);

        var model = prompt.Model!; // the file has a model
        Assert.Equal(("gpt-35-turbo", 128, 0.2f, 0.5f, -0.5f, 42L), (model.ModelId, model.MaxOutputTokens, model.Temperature, model.FrequencyPenalty, model.PresencePenalty, model.Seed));
        Assert.Equal(["###"], model.StopSequences!);
        Assert.Equal("{\"50256\":-100}", Assert.IsType<JsonElement>(model.Extras!["logit_bias"]).GetRawText());
    }

    [Fact]
    public void Parse_V2Model_ReadsIdAndOptions()
    {
        var prompt = Load("""
            ---
            model:
              id: gpt-4o
              provider: openai
              apiType: chat
              connection:
                kind: key
                apiKey: ${env:OPENAI_API_KEY}
              options:
                temperature: 0.7
                maxOutputTokens: 1000
                topP: 0.9
                topK: 40
                seed: 7
                stopSequences: [END]
                allowMultipleToolCalls: false
                additionalProperties:
                  reasoning_effort: low
            ---
            user:
            Hello
            """);

        var model = prompt.Model!; // the file has a model
        Assert.Equal(("gpt-4o", 0.7f, 1000, 0.9f, 40, 7L, false), (model.ModelId, model.Temperature, model.MaxOutputTokens, model.TopP, model.TopK, model.Seed, model.AllowMultipleToolCalls));
        Assert.Equal(["END"], model.StopSequences!);
        Assert.Equal("low", Assert.IsType<JsonElement>(model.Extras!["reasoning_effort"]).GetString());
    }

    [Fact]
    public void Parse_ModelAsAString_IsTheModelId()
    {
        var prompt = Load("---\nmodel: gpt-4o-mini\n---\nuser:\nHello");

        Assert.Equal("gpt-4o-mini", prompt.Model?.ModelId);
    }

    [Fact]
    public void Parse_V2InputsList_DeclaresVariablesWithDefaultsAndRequired()
    {
        var prompt = Load("""
            ---
            inputs:
              - name: firstName
                kind: string
                default: Jane
              - name: question
                kind: string
                description: What they ask
              - name: tone
                kind: string
                required: false
            ---
            user:
            {{firstName}} ({{tone}}): {{question}}
            """);

        Assert.Equal(
            [new PromptVariable("firstName", false, "Jane"), new PromptVariable("question", true, null, "What they ask"), new PromptVariable("tone", false)],
            prompt.Variables);
    }

    [Fact]
    public void Parse_InputDefaultIsAList_RendersThroughASection()
    {
        var prompt = Load("""
            ---
            inputs:
              - name: items
                kind: array
                default: [tent, stove]
            template: mustache
            ---
            user:
            {{#items}}- {{.}}
            {{/items}}
            """);

        var rendered = CompiledPrompt.For(prompt).Template.Render(null, new PromptTemplateRenderOptions { Defaults = CompiledPrompt.For(prompt).Defaults });

        Assert.Equal("- tent\n- stove\n", rendered[0].Text);
    }

    [Fact]
    public void Parse_EnvReference_ResolvesTheVariable()
    {
        _environment["CHAT_DEPLOYMENT"] = "gpt-4o-2024-08-06";

        var prompt = Load("---\nmodel:\n  id: ${env:CHAT_DEPLOYMENT}\n---\nuser:\nHello");

        Assert.Equal("gpt-4o-2024-08-06", prompt.Model?.ModelId);
    }

    [Fact]
    public void Parse_EnvReferenceWithDefaultUnset_UsesTheDefault()
    {
        var prompt = Load("---\nmodel:\n  id: ${env:CHAT_DEPLOYMENT:gpt-4o-mini}\n  options:\n    temperature: ${env:CHAT_TEMPERATURE:0.3}\n---\nuser:\nHello");

        Assert.Equal(("gpt-4o-mini", 0.3f), (prompt.Model?.ModelId, prompt.Model?.Temperature));
    }

    [Fact]
    public void Parse_EnvReferenceUnset_ThrowsNamingTheVariableAndWhereItIsRead()
    {
        var error = Refused("---\nmodel:\n  id: ${env:CHAT_DEPLOYMENT}\n---\nuser:\nHello");

        Assert.Equal((3, 7), (error.Line, error.Column));
        Assert.Contains("environment variable 'CHAT_DEPLOYMENT', which is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("${env:CHAT_DEPLOYMENT:value}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EnvReferenceInTheConnection_IsNeverLookedUp()
    {
        var prompt = Load("---\nmodel:\n  id: gpt-4o\n  connection:\n    kind: key\n    apiKey: ${env:UNSET_API_KEY}\n---\nuser:\nHello");

        Assert.Equal("gpt-4o", prompt.Model?.ModelId);
    }

    [Fact]
    public void Parse_FileReference_ReadsJsonRelativeToTheFile()
    {
        _dir.Write("p/inputs.json", """[{ "name": "question", "kind": "string", "default": "Why?" }]""");

        var prompt = Load("---\ninputs: ${file:inputs.json}\n---\nuser:\n{{question}}");

        Assert.Equal([new PromptVariable("question", false, "Why?")], prompt.Variables);
    }

    [Fact]
    public void Parse_FileReferenceToYamlInTheFolder_ReadsItAsDataNotAsAVersion()
    {
        _dir.Write("p/options.yaml", "temperature: 0.4\n");

        var prompt = Load("---\nmodel:\n  id: gpt-4o\n  options: ${file:options.yaml}\n---\nuser:\nHello");

        Assert.Equal(0.4f, prompt.Model?.Temperature);
    }

    [Fact]
    public async Task Ctor_EnvReference_ReadsTheProcessEnvironment()
    {
        var name = "LLMOPS_TEST_DEPLOYMENT_" + Guid.NewGuid().ToString("N"); // unique, so parallel tests cannot see it
        Environment.SetEnvironmentVariable(name, "gpt-4.1");
        try
        {
            _dir.Write("p/v1.prompty", $"---\nmodel: ${{env:{name}}}\n---\nuser:\nHello");

            using var store = new FilePromptStore(_dir.Root, watch: false);

            Assert.Equal("gpt-4.1", (await store.GetPromptAsync("p"))!.Versions[1].Model?.ModelId);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Parse_FileReferenceWithAnErrorInside_NamesTheReferencedFileAndLine()
    {
        var json = _dir.Write("p/tools.json", "[\n  { \"name\": \"search\", \"kind\": \"mcp\" }\n]");

        var error = Refused("---\ntools: ${file:tools.json}\n---\nuser:\nHello");

        Assert.Equal((json, 2, 13), (error.FilePath, error.Line, error.Column));
    }

    [Fact]
    public void Parse_FileReferenceMissing_ThrowsNamingTheFile()
    {
        var error = Refused("---\nsample: ${file:sample.json}\n---\nuser:\nHello");

        Assert.Equal(2, error.Line);
        Assert.Contains(Path.Combine(_dir.Root, "p", "sample.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FileReferenceOutsideThePromptsDirectory_IsRefused()
    {
        var error = Refused("---\nsample: ${file:../../secrets.json}\n---\nuser:\nHello");

        Assert.Contains("outside the prompts directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_V1Sample_GivesDefaultsWithoutDeclaring()
    {
        var prompt = Load("""
            ---
            inputs:
              firstName:
                type: string
            sample:
              firstName: Jane
              question: What is the meaning of life?
              top_n: 5
            ---
            user:
            {{firstName}} asks {{question}}
            """);

        Assert.Equal(("Jane", false), (prompt.Variables[0].Default, prompt.Variables[0].Required));
        Assert.Equal(("question", "What is the meaning of life?"), (prompt.Variables[1].Name, prompt.Variables[1].Default));
    }

    [Fact]
    public void Parse_FunctionTool_BecomesADeclarationWithItsSchema()
    {
        var prompt = Load("""
            ---
            tools:
              - name: get_weather
                kind: function
                description: Get the current weather
                strict: true
                parameters:
                  - name: location
                    kind: string
                    description: The city
                    required: true
                  - name: unit
                    kind: string
                    enumValues: [celsius, fahrenheit]
            ---
            user:
            Hello
            """);

        var tool = Assert.IsType<AIFunctionDeclaration>(Assert.Single(prompt.Model!.Tools!), exactMatch: false);
        Assert.Equal(("get_weather", "Get the current weather"), (tool.Name, tool.Description));
        Assert.Equal(
            """{"type":"object","properties":{"location":{"type":"string","description":"The city"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"],"additionalProperties":false}""",
            tool.JsonSchema.GetRawText());
    }

    [Fact]
    public void Parse_V1OpenAiShapedTools_BecomeDeclarations()
    {
        var prompt = Load("""
            ---
            model:
              parameters:
                tools:
                  - type: function
                    function:
                      name: get_current_weather
                      description: Get the weather
                      parameters:
                        type: object
                        properties:
                          location: { type: string }
                        required: [location]
            ---
            user:
            Hello
            """);

        var tool = Assert.IsType<AIFunctionDeclaration>(Assert.Single(prompt.Model!.Tools!), exactMatch: false);
        Assert.Equal("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""", tool.JsonSchema.GetRawText());
    }

    [Fact]
    public void Parse_McpTool_IsRefusedWithWhatToDo()
    {
        var error = Refused("---\ntools:\n  - name: filesystem\n    kind: mcp\n---\nuser:\nHello");

        Assert.Equal((3, 11), (error.Line, error.Column));
        Assert.Contains("Tool 'filesystem' is of kind 'mcp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChatOptions.Tools", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ToolBindings_AreRefusedWithWhatToDo()
    {
        var error = Refused("---\ntools:\n  - name: orders\n    kind: function\n    bindings:\n      user_id: ${env:CURRENT_USER_ID}\n---\nuser:\nHello");

        Assert.Equal(6, error.Line);
        Assert.Contains("remove 'bindings'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("template:\n  format:\n    kind: mustache\n  parser:\n    kind: prompty")]
    [InlineData("template:\n  format: mustache\n  parser: prompty")]
    [InlineData("template: mustache")]
    public void Parse_MustacheFormatInEitherShape_RendersSections(string template)
    {
        var prompt = Load($"---\n{template}\n---\nuser:\n{{{{#items}}}}{{{{.}}}}{{{{/items}}}}");

        Assert.Equal("{{#items}}{{.}}{{/items}}", Assert.Single(prompt.Messages).Template);
    }

    [Fact]
    public void Parse_JinjaFileUsingOnlyNames_LoadsAsMustache()
    {
        var prompt = Load("---\ntemplate: jinja2\n---\nuser:\n{{ customer.name }} asks {{{question}}} {{#urgent}}now{{/urgent}}");

        Assert.Equal("{{ customer.name }} asks {{{question}}} {{#urgent}}now{{/urgent}}", Assert.Single(prompt.Messages).Template);
    }

    [Fact]
    public void Parse_JinjaFilter_IsRefusedAsJinjaAtItsColumn()
    {
        var error = Refused("---\nname: greet\n---\nuser:\nHello {{ name | upper }}!");

        Assert.Equal((5, 7), (error.Line, error.Column));
        Assert.Contains("'{{ name | upper }}' is a Jinja2 filter", error.Message, StringComparison.Ordinal);
        Assert.Contains("write {{name}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JinjaFilterInAMustacheFile_IsRefusedAsAFilterNotADelimiterError()
    {
        var error = Refused("---\ntemplate: mustache\n---\nuser:\nHello {{ name | upper }}!");

        Assert.Contains("is a Jinja2 filter: Mustache has no filters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JinjaLoop_SuggestsTheMustacheSectionForThatList()
    {
        var error = Refused("---\n---\nuser:\n{% for item in chat_history %}\n{{item.role}}\n{% endfor %}");

        Assert.Equal((4, 1), (error.Line, error.Column));
        Assert.Contains("{{#chat_history}}…{{/chat_history}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LiquidTemplate_IsRefused()
    {
        var error = Refused("---\ntemplate:\n  format:\n    kind: liquid\n---\nuser:\nHello");

        Assert.Equal(4, error.Line);
        Assert.Contains("template format is 'liquid'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Outputs_AskForJsonFollowingTheirSchema()
    {
        var prompt = Load("""
            ---
            outputs:
              - name: city
                kind: string
                required: true
              - name: temperature
                kind: integer
            ---
            user:
            Hello
            """);

        var format = Assert.IsType<ChatResponseFormatJson>(prompt.Model?.ResponseFormat);
        Assert.Equal("structured_output", format.SchemaName);
        Assert.Equal(
            """{"type":"object","properties":{"city":{"type":"string"},"temperature":{"type":"integer"}},"required":["city"],"additionalProperties":false}""",
            format.Schema?.GetRawText());
    }

    [Fact]
    public void Parse_EmbeddingApi_IsRefusedWithWhatToDo()
    {
        var error = Refused("---\nmodel:\n  id: text-embedding-3-small\n  apiType: embedding\n---\nuser:\nHello");

        Assert.Equal((4, 12), (error.Line, error.Column));
        Assert.Contains("'embedding' API", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThreadInput_IsRefusedWithWhatToDo()
    {
        var error = Refused("---\ninputs:\n  - name: history\n    kind: thread\n---\nsystem:\nHi\n{{history}}");

        Assert.Contains("pass the conversation as the call's messages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoFrontMatter_TheBodyIsThePrompt()
    {
        var prompt = Load("You are terse.\n\nuser:\nHello");

        Assert.Equal([(ChatRole.System, "You are terse."), (ChatRole.User, "Hello")], prompt.Messages.Select(m => (m.Role, m.Template)));
    }

    [Fact]
    public void Parse_RoleMarkerWithAttributes_StartsASection()
    {
        var prompt = Load("---\n---\nsystem:\nBe brief.\nuser[name=\"ada\"]:\nHello");

        Assert.Equal([ChatRole.System, ChatRole.User], prompt.Messages.Select(m => m.Role));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_PromptyTools_AreOfferedToTheModel(bool streaming)
    {
        _dir.Write("weather/v1.prompty", """
            ---
            model: gpt-4o
            tools:
              - name: get_weather
                kind: function
                parameters:
                  - name: location
                    kind: string
            ---
            user:
            Weather?
            """);
        using var store = new FilePromptStore(_dir.Root, watch: false);
        using var registry = new PromptRegistry([store]);
        var provider = new ScriptedChatClient().EnqueueReply("Sunny");
        using var client = new ChatClientBuilder(provider).UseLlmOpsPrompts(registry).Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "mine", "local_tool")] }.WithPrompt("weather", null);

        if (streaming)
        {
            await foreach (var _ in client.GetStreamingResponseAsync([], options))
            {
            }
        }
        else
        {
            await client.GetResponseAsync([], options);
        }

        var sent = Assert.Single(provider.Requests).Options!; // the stage always passes options on
        Assert.Equal(["local_tool", "get_weather"], sent.Tools!.Select(t => t.Name));
        Assert.Equal("gpt-4o", sent.ModelId);
    }

    private PromptVersion Load(string text, string folder = "p")
    {
        _dir.Write($"{folder}/v1.prompty", text);
        return PromptDirectoryLoader.Load(_dir.Root, name => _environment.GetValueOrDefault(name))[folder].Versions[1];
    }

    private PromptException Refused(string text) => Assert.Throws<PromptException>(() => Load(text));
}
