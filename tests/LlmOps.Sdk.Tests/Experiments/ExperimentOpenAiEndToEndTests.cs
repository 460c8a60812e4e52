using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace LlmOps.Sdk.Tests.Experiments;

/// <summary>An experiment through the real OpenAI SDK and the full pipeline, against a local chat-completions server.</summary>
public sealed class ExperimentOpenAiEndToEndTests : IDisposable
{
    private const int ItemCount = 20;
    private const int WorseItems = 8;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RunAsync_TwoCandidatesTwentyItems_ResultsFileAndSpansAreRight()
    {
        var bodies = new ConcurrentQueue<string>();
        await using var server = ChatCompletionsServer.Start(request =>
        {
            bodies.Enqueue(request.Body);
            return ServerAction.Reply(Answer(request.UserText));
        });
        var services = new ServiceCollection();
        services.AddChatClient(_ => new OpenAIClient(
                new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.Endpoint, RetryPolicy = new ClientRetryPolicy(0) })
            .GetChatClient(ChatCompletionsServer.Model).AsIChatClient());
        services.AddLlmOps(o => o.AddPrompts(store => store
            .Add(new PromptVersion("qa", 1, "Answer: {{question}}"), "production")
            .Add(new PromptVersion("qa", 2, "Reply: {{question}}"), "staging")));
        await using var provider = services.BuildServiceProvider();
        var dataset = new Dataset("qa", Enumerable.Range(0, ItemCount).Select(i => new DatasetItem(
            new Dictionary<string, object?> { ["question"] = $"q{i}" }, [$"a{i}"], id: $"item-{i}")));
        var experiment = new Experiment
        {
            Id = "exp-e2e",
            Dataset = dataset,
            Candidates = [ExperimentCandidate.ForPrompt("production", "qa", label: "production"), ExperimentCandidate.ForPrompt("staging", "qa", label: "staging")],
            Evaluators = [new ExactMatchEvaluator()],
        };
        var path = _folder.File("results.jsonl");
        using var spans = new SpanRecorder();
        using var parent = spans.StartCall();

        var result = await new ExperimentRunner(provider).RunAsync(experiment, path);

        parent.Stop();
        Assert.Equal((ExperimentRunStatus.Completed, 40, 0), (result.Status, result.CompletedCases, result.FailedCases));
        var lines = File.ReadAllLines(path).Select(l => JsonSerializer.Deserialize(l, ExperimentJsonContext.Default.ExperimentCaseResult)!).ToList();
        Assert.Equal(40, lines.Count);
        Assert.Equal(40, lines.Select(l => (l.Candidate, l.ItemId)).Distinct().Count());
        foreach (var line in lines)
        {
            var index = int.Parse(line.ItemId["item-".Length..], CultureInfo.InvariantCulture);
            var worse = line.Candidate == "staging" && index < WorseItems;
            Assert.Equal(worse ? "I do not know." : $"a{index}", line.Output);
            Assert.Equal(worse ? 0.0 : 1.0, Assert.Single(line.Scores, s => s.Name == ExactMatchEvaluator.DefaultName).Value);
            Assert.Equal(("qa", line.Candidate == "production" ? 1 : 2, ChatCompletionsServer.Model), (line.PromptName, line.PromptVersion, line.Model));
            Assert.Equal((5L, 3L, dataset.ContentHash), (line.InputTokens, line.OutputTokens, line.DatasetHash));
        }

        var callSpans = spans.Stopped.Where(s => s.ParentSpanId == parent.SpanId && s.DisplayName.StartsWith("chat ", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, callSpans.Count);
        Assert.All(callSpans, s => Assert.Equal("exp-e2e", s.GetTagItem("llmops.experiment.id")));
        Assert.Equal(
            lines.Select(l => (l.Candidate, l.ItemId, l.PromptVersion)).Order().ToList(),
            callSpans.Select(s => ((string)s.GetTagItem("llmops.experiment.candidate")!, (string)s.GetTagItem("llmops.dataset.item.id")!, (int?)s.GetTagItem("llmops.prompt.version"))).Order().ToList());
        Assert.All(callSpans, s => Assert.Equal("qa", s.GetTagItem("gen_ai.prompt.name")));
        Assert.All(bodies, b => Assert.DoesNotContain("llmops", b, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Answers the production prompt right on every item and the staging prompt wrong on the first eight.</summary>
    private static string Answer(string userText)
    {
        var staging = userText.StartsWith("Reply: ", StringComparison.Ordinal);
        var index = int.Parse(userText[(userText.IndexOf(": q", StringComparison.Ordinal) + 3)..], CultureInfo.InvariantCulture);
        return staging && index < WorseItems ? "I do not know." : $"a{index}";
    }
}
