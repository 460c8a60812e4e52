using LlmOps.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Registry;
using Polly.Retry;

namespace LlmOps.Sdk.Tests.Resilience;

public sealed class PollyTelemetrySetupTests
{
    [Fact]
    public async Task AddLlmOps_AnyPipelineReturnsAChatResponse_PollyLogsItsFinishReasonNotItsText()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddChatClient(new ScriptedChatClient());
        services.AddLlmOps();
        services.AddResiliencePipeline("users-own", builder => builder.AddRetry(new RetryStrategyOptions { Delay = TimeSpan.Zero }));
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("users-own");

        await pipeline.ExecuteAsync(static _ => ValueTask.FromResult(
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "Your card 4111 1111 1111 1111 is on file.")) { FinishReason = ChatFinishReason.Stop }));

        var polly = provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == "Polly").ToList();
        Assert.Contains(polly, r => r.Message.Contains("finish reason stop", StringComparison.Ordinal));
        Assert.DoesNotContain(polly, r => r.Message.Contains("4111", StringComparison.Ordinal));
    }
}
