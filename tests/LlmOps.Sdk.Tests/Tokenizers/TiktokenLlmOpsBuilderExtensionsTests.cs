using LlmOps.Sdk.Budgets;
using LlmOps.Sdk.Telemetry;
using LlmOps.Sdk.Testing;
using LlmOps.Sdk.Tokenizers;
using Microsoft.Extensions.DependencyInjection;

namespace LlmOps.Sdk.Tests.Tokenizers;

public sealed class TiktokenLlmOpsBuilderExtensionsTests
{
    [Fact]
    public void UseTiktokenTokenCounter_RegistersTheCounter()
    {
        var services = new ServiceCollection();
        services.AddChatClient(new ScriptedChatClient());

        services.AddLlmOps(llmops => llmops.UseTiktokenTokenCounter());

        using var provider = services.BuildServiceProvider();
        Assert.IsType<TiktokenTokenCounter>(provider.GetRequiredService<ITokenCounter>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UseTiktokenTokenCounter_BudgetPipeline_EstimatesInputTokensAsTheProviderCounts(bool streaming)
    {
        // The true count: 3 for the reply, 4 per message (3 plus the role's token) and 2 for each "hello world".
        const int TrueInputTokens = 3 + (2 * (4 + 2));
        using var scripted = new ScriptedChatClient();
        scripted.EnqueueReply(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer"))
        {
            Usage = new UsageDetails { InputTokenCount = TrueInputTokens, OutputTokenCount = 0, TotalTokenCount = TrueInputTokens },
        });
        var services = new ServiceCollection();
        services.AddChatClient(scripted);
        services.AddLlmOps(llmops => llmops
            .UseTiktokenTokenCounter()
            .ConfigureTelemetry(t =>
            {
                t.UseDefaultPrices = false;
                t.Prices["gpt-4o"] = new ModelPrice { InputPerMillionTokens = 10_000, OutputPerMillionTokens = 0 }; // 0.01 USD a token
            })
            .AddBudget(b =>
            {
                b.Name = "tokens";
                b.LimitUsd = 0.20;
            }));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();
        ChatMessage[] chat = [new(ChatRole.System, "hello world"), new(ChatRole.User, "hello world")];
        var options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 1 };

        await CallAsync(client, chat, options, streaming);
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => CallAsync(client, chat, options, streaming));

        // Spent is the provider's usage; the estimate is the counter's input tokens (the output is free here).
        Assert.Equal((0.15, 0.15), (Math.Round(refused.SpentUsd, 6), Math.Round(refused.EstimateUsd, 6)));
    }

    private static async Task CallAsync(IChatClient client, ChatMessage[] chat, ChatOptions options, bool streaming)
    {
        if (!streaming)
        {
            await client.GetResponseAsync(chat, options);
            return;
        }

        await foreach (var update in client.GetStreamingResponseAsync(chat, options))
        {
            _ = update;
        }
    }
}
