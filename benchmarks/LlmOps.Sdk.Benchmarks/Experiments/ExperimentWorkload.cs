using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Experiments;
using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Benchmarks.Experiments;

/// <summary>The experiment both benchmark rows run: a dataset in code, a prompt in code, two evaluators, one free provider.</summary>
internal static class ExperimentWorkload
{
    public const int Concurrency = 4;

    public static readonly PromptVersion Prompt = new("qa", 1, "Answer the customer {{customer}} briefly: {{question}}");

    public static IResponseEvaluator[] Evaluators() => [new ExactMatchEvaluator(), new TokenF1Evaluator()];

    public static Dataset Items(int count) => new(
        "bench",
        Enumerable.Range(0, count).Select(static i => new DatasetItem(
            new Dictionary<string, object?> { ["customer"] = $"Customer {i}", ["question"] = $"Where is order {i}?" },
            [FixedProviderChatClient.ResponseText],
            id: $"item-{i}")));

    public static Experiment Experiment(Dataset dataset, IChatClient client, int repetitions = 1) => new()
    {
        Id = "bench",
        Dataset = dataset,
        Candidates = [ExperimentCandidate.ForTemplate("candidate", Prompt) with { Client = client }],
        Evaluators = Evaluators(),
        Repetitions = repetitions,
        MaxConcurrency = Concurrency,
    };
}
