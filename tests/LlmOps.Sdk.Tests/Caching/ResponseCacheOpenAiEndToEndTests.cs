using System.ClientModel;
using System.ClientModel.Primitives;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmOps.Sdk.Tests.Caching;

/// <summary>The response cache in front of the real OpenAI SDK, talking HTTP to a local chat-completions server that counts requests.</summary>
public sealed class ResponseCacheOpenAiEndToEndTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_RepeatedQuestion_ServerSeesOneRequest(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(_ => ServerAction.Reply("Paris is the capital of France."));
        await using var services = BuildServices(server);
        var client = services.GetRequiredService<IChatClient>();

        var first = await AskAsync(client, streaming, new ChatOptions().WithCache());
        var second = await AskAsync(client, streaming, new ChatOptions().WithCache());

        Assert.Equal(1, server.Attempts);
        Assert.Equal("Paris is the capital of France.", first.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.True(second.IsFromCache());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_WithoutCache_ReachesTheServerEveryTime(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(_ => ServerAction.Reply("Paris."));
        await using var services = BuildServices(server);
        var client = services.GetRequiredService<IChatClient>();
        await AskAsync(client, streaming, new ChatOptions().WithCache());

        await AskAsync(client, streaming, new ChatOptions().WithoutCache());
        await AskAsync(client, streaming, new ChatOptions { Temperature = 0.9f }.WithCache());

        Assert.Equal(3, server.Attempts); // opted out, then another temperature: both reach the server
    }

    [Fact]
    public async Task GetResponseAsync_ServerFails_FailureIsNotCached()
    {
        await using var server = ChatCompletionsServer.Start(r => r.AttemptNumber == 1 ? ServerAction.Fail(400) : ServerAction.Reply("Paris."));
        await using var services = BuildServices(server);
        var client = services.GetRequiredService<IChatClient>();

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("What is the capital of France?", new ChatOptions().WithCache()));
        var answer = await client.GetResponseAsync("What is the capital of France?", new ChatOptions().WithCache());

        Assert.Equal("Paris.", answer.Text);
        Assert.Equal(2, server.Attempts);
    }

    private static async Task<ChatResponse> AskAsync(IChatClient client, bool streaming, ChatOptions options) => streaming
        ? await client.GetStreamingResponseAsync("What is the capital of France?", options).ToChatResponseAsync()
        : await client.GetResponseAsync("What is the capital of France?", options);

    private static ServiceProvider BuildServices(ChatCompletionsServer server)
    {
        var services = new ServiceCollection();
        services.AddChatClient(_ => new OpenAIClient(
                new ApiKeyCredential("test-key"),
                new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient(ChatCompletionsServer.Model).AsIChatClient());
        services.AddLlmOps(llmops => llmops.AddResponseCache().ConfigureResilience(r => r.MaxRetryAttempts = 0));
        return services.BuildServiceProvider();
    }
}
