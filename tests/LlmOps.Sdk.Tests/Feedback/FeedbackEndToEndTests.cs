using System.ClientModel;
using System.ClientModel.Primitives;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Feedback;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmOps.Sdk.Tests.Feedback;

/// <summary>
/// Feedback and capture through the whole pipeline in front of the real stack: Microsoft.Extensions.AI.OpenAI over the
/// official OpenAI SDK, talking HTTP to a local chat-completions server, whose response ids are the ones feedback uses.
/// </summary>
public sealed class FeedbackEndToEndTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmops-feedback-e2e-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecordAsync_ResponseIdFromTheServer_LandsOnTheVersionThatAnsweredAndCapturesTheCall(bool streaming)
    {
        await using var server = ChatCompletionsServer.Start(r => ServerAction.Reply("answer to " + r.UserText));
        var path = Path.Combine(_directory, "captured.jsonl");
        var sink = new InMemoryEvaluationSink();
        string staging;
        string production;
        FeedbackResult result;
        await using (var services = BuildServices(server, path, sink))
        {
            var client = services.GetRequiredService<IChatClient>();
            staging = await CallAsync(client, "staging", streaming);
            production = await CallAsync(client, "production", streaming);

            result = await services.GetRequiredService<IChatFeedback>().RecordAsync(
                ChatFeedback.ThumbsDown(staging) with { Correction = "Hello Ada!" });
        }

        Assert.NotEqual(staging, production);
        Assert.StartsWith("chatcmpl-", staging, StringComparison.Ordinal);
        Assert.Equal((FeedbackStatus.Recorded, "greet", 2), (result.Status, result.PromptName, result.PromptVersion!.Value));
        var record = Assert.Single(sink.Records, r => r.Source == EvaluationRecord.HumanSource);
        Assert.Equal((staging, 2), (record.ResponseId, record.PromptVersion!.Value));

        // Sampling left both calls out; the thumb down captured the one it was about.
        var item = Assert.Single(Dataset.LoadJsonl(path).Items);
        Assert.Equal(staging, item.Id);
        Assert.Equal(["Hello Ada!"], item.ReferenceAnswers);
        Assert.Equal("2", item.Metadata["prompt_version"]);
        Assert.Equal("negative_feedback", item.Metadata["capture_reason"]);
        Assert.Contains("answer to", item.Metadata["response"], StringComparison.Ordinal);
    }

    private static ServiceProvider BuildServices(ChatCompletionsServer server, string path, IEvaluationSink sink)
    {
        var services = new ServiceCollection();
        services.AddChatClient(_ =>
        {
            // The stage retries; the SDK must not retry underneath it.
            var options = new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
            return new OpenAIClient(new ApiKeyCredential("test-key"), options).GetChatClient(ChatCompletionsServer.Model).AsIChatClient();
        });
        services.AddLlmOps(o => o
            .AddPrompts(store => store.Add(FeedbackTestHost.Version1, "production").Add(FeedbackTestHost.Version2, "staging"))
            .AddEvaluationSink(sink)
            .AddFeedback()
            .CaptureToDataset(path, c => c.SamplingRate = 0));
        return services.BuildServiceProvider();
    }

    private static async Task<string> CallAsync(IChatClient client, string label, bool streaming)
    {
        var options = new ChatOptions().WithPrompt("greet", new { name = "Ada" }, label: label);
        if (!streaming)
        {
            return (await client.GetResponseAsync([], options)).ResponseId!;
        }

        string? id = null;
        await foreach (var update in client.GetStreamingResponseAsync([], options))
        {
            id ??= update.ResponseId;
        }

        return id!;
    }
}
