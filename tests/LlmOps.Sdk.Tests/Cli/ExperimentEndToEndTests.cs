using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Cli;
using LlmOps.Sdk.Tests.Resilience.EndToEnd;

namespace LlmOps.Sdk.Tests.Cli;

/// <summary>
/// The whole loop through the real OpenAI SDK: <c>llmops experiment run</c> calls a chat-completions server on 127.0.0.1
/// with two model ids, and the summary it prints must find the worse model and exactly the items it got wrong.
/// </summary>
public sealed class ExperimentEndToEndTests
{
    private const int Items = 20;
    private static readonly int[] WorseItems = [2, 3, 5, 8, 11, 13, 17, 19];

    [Fact]
    public async Task Run_TwoModelsOnALocalServer_VerdictWorseWithExactlyTheScriptedRegressionsAndExit1()
    {
        await using var server = ChatCompletionsServer.Start(static request =>
        {
            using var body = JsonDocument.Parse(request.Body);
            var model = body.RootElement.GetProperty("model").GetString();
            var n = int.Parse(request.UserText.Split(' ')[2], CultureInfo.InvariantCulture); // "What is {n} times three?"
            var answer = model == "model-b" && WorseItems.Contains(n) ? "I do not know" : $"The answer is {3 * n}";
            return ServerAction.Reply(answer);
        });
        using var folder = new CliTempFolder();
        var dataset = new StringBuilder();
        for (var n = 1; n <= Items; n++)
        {
            dataset.AppendLine(CultureInfo.InvariantCulture, $$"""{"id":"item-{{n}}","variables":{"input":"What is {{n}} times three?"},"expected":"The answer is {{3 * n}}"}""");
        }

        folder.Write("items.jsonl", dataset.ToString());
        var definition = folder.Write("experiment.yaml", $"""
            name: times-three
            dataset: items.jsonl
            candidates:
              - {"{"} name: a, model: model-a, endpoint: "{server.Endpoint}" {"}"}
              - {"{"} name: b, model: model-b, endpoint: "{server.Endpoint}" {"}"}
            evaluators: [token_f1]
            baseline: a
            """);

        var run = await CliRun.InvokeAsync(
            (output, error) => new CliHost(output, error) { GetEnvironmentVariable = static name => name == "OPENAI_API_KEY" ? "test-key" : null },
            "experiment", "run", definition, "--out", folder.Combine("out"), "--json", "--fail-on-regression", "token_f1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(2 * Items, server.Attempts);
        using var summary = JsonDocument.Parse(run.Output);
        var comparison = summary.RootElement.GetProperty("comparisons").EnumerateArray().Single();
        var tokenF1 = comparison.GetProperty("scores").EnumerateArray().Single(static s => s.GetProperty("score").GetString() == "token_f1");
        Assert.Equal("worse", tokenF1.GetProperty("verdict").GetString());
        Assert.True(tokenF1.GetProperty("p_value").GetDouble() < 0.05, tokenF1.ToString());
        var regressions = summary.RootElement.GetProperty("regressions").EnumerateArray()
            .Where(static r => r.GetProperty("score").GetString() == "token_f1")
            .Select(static r => r.GetProperty("item_id").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(WorseItems.Select(static n => $"item-{n}").Order(StringComparer.Ordinal), regressions);
        Assert.Contains("b         | regression of token_f1", run.Error, StringComparison.Ordinal);
    }
}
