using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmOps.Sdk.Tests.Prompts;

/// <summary>A prompt sent through the real OpenAI SDK to a local server: what the provider receives, byte for byte.</summary>
public sealed class PromptOpenAiEndToEndTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Call_NamedPrompt_ProviderGetsRenderedMessagesAndSettingsButNoMarks(bool streaming, bool typed)
    {
        ServerRequest? seen = null;
        await using var server = ChatCompletionsServer.Start(request =>
        {
            seen = request;
            return ServerAction.Reply("ok");
        });
        var prompt = new PromptVersion("support", 2, [new(ChatRole.System, "Be {{tone}}."), new(ChatRole.User, "{{question}}")])
        {
            Model = new PromptModelSettings { Temperature = 0.25f, MaxOutputTokens = 64 },
        };
        var services = new ServiceCollection();
        services.AddChatClient(_ => new OpenAIClient(
                new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new ClientRetryPolicy(0) })
            .GetChatClient(ChatCompletionsServer.Model).AsIChatClient());
        services.AddLlmOps(o => o.AddPrompts(store => store.Add(prompt, "production")));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();
        var variables = new { tone = "brief", question = "Where is order 42?" };
        var options = typed ? new PromptChatOptions("support", variables) : new ChatOptions().WithPrompt("support", variables);

        var response = streaming
            ? await client.GetStreamingResponseAsync([], options).ToChatResponseAsync()
            : await client.GetResponseAsync([], options);

        Assert.Equal("ok", response.Text);
        Assert.NotNull(seen);
        using var body = JsonDocument.Parse(seen.Body);
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal(("system", "Be brief."), (messages[0].GetProperty("role").GetString(), Text(messages[0])));
        Assert.Equal(("user", "Where is order 42?"), (messages[1].GetProperty("role").GetString(), Text(messages[1])));
        Assert.Equal(0.25, body.RootElement.GetProperty("temperature").GetDouble(), precision: 5);
        Assert.DoesNotContain("llmops", seen.Body, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Text(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
