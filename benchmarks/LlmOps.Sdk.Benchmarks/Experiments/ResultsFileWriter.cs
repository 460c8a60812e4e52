using System.Text;
using System.Text.Json;
using LlmOps.Sdk.Experiments;

namespace LlmOps.Sdk.Benchmarks.Experiments;

/// <summary>Writes a synthetic results file: deterministic scores, latencies and outputs, with some regressions and flaky items.</summary>
internal static class ResultsFileWriter
{
    private static readonly string[] Words = ["the", "refund", "policy", "allows", "returns", "within", "thirty", "days", "of", "purchase", "with", "a", "receipt", "and", "original", "packaging"];

    public static void Write(string path, int items, int runs, string[] candidates)
    {
        var random = new Random(7);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        for (var c = 0; c < candidates.Length; c++)
        {
            for (var item = 0; item < items; item++)
            {
                for (var run = 0; run < runs; run++)
                {
                    var f1 = Math.Clamp(0.55 + (0.05 * c) + (random.NextDouble() * 0.4) - 0.2, 0, 1);
                    var output = Output(random, item, c, run);
                    var result = new ExperimentCaseResult
                    {
                        ExperimentId = "bench",
                        Candidate = candidates[c],
                        ItemId = $"item-{item:D6}",
                        Repetition = run,
                        DatasetHash = "sha256:bench",
                        PromptHash = $"sha256:{c}",
                        SettingsHash = "sha256:settings",
                        Model = "gpt-4.1-mini",
                        StartedAt = DateTimeOffset.UnixEpoch,
                        Output = output,
                        Scores = [new ExperimentScore("token_f1", f1), new ExperimentScore("exact_match", Passed: f1 > 0.6)],
                        LatencyMilliseconds = 300 + (random.NextDouble() * 900) + (c * 50),
                        InputTokens = 420,
                        OutputTokens = 48,
                        Cost = 0.0003m + (c * 0.0001m),
                    };
                    writer.WriteLine(JsonSerializer.Serialize(result, ExperimentJsonContext.Default.ExperimentCaseResult));
                }
            }
        }
    }

    private static string Output(Random random, int item, int candidate, int run)
    {
        var text = new StringBuilder(220);
        var wordRandom = new Random(item); // the same item gets mostly the same words, so diffs are small and realistic
        while (text.Length < 200)
        {
            text.Append(Words[wordRandom.Next(Words.Length)]).Append(' ');
        }

        if (candidate > 0 && random.Next(4) == 0)
        {
            text.Append("(updated)");
        }

        return run > 0 && random.Next(10) == 0 ? text.Append(" really").ToString() : text.ToString();
    }
}
