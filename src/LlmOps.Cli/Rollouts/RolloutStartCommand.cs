using System.CommandLine;
using System.Globalization;
using LlmOps.Cli.Prompts;
using LlmOps.Sdk.Rollouts;

namespace LlmOps.Cli.Rollouts;

/// <summary>Builds <c>llmops rollout start</c>: writes a new rollout to the registry for the services to drive.</summary>
internal static class RolloutStartCommand
{
    public static Command Create(CliHost host)
    {
        var defaults = new RolloutPlan();
        var name = new Argument<string>("name") { Description = "The prompt." };
        var label = new Argument<string>("label") { Description = "The label to move; it must point at one version, the baseline." };
        var candidate = new Argument<string>("candidate") { Description = "The version to roll out (3 or v3)." };
        var steps = new Option<string>("--steps") { Description = "The candidate's share at each step, in percent, ending with 100.", DefaultValueFactory = _ => "5,25,50,100" };
        var minCalls = new Option<int>("--min-calls") { Description = "Calls each version needs in a step before it is judged.", DefaultValueFactory = _ => defaults.MinCallsPerStep };
        var minDuration = new Option<string>("--min-duration") { Description = "How long each step lasts at least: 90s, 10m, 1h.", DefaultValueFactory = _ => "10m" };
        var alpha = new Option<double>("--alpha") { Description = "The family-wise significance level, shared by every test of the rollout (Bonferroni).", DefaultValueFactory = _ => defaults.SignificanceLevel };
        var scores = new Option<string?>("--scores") { Description = "Evaluation scores whose pass rate must not drop, comma-separated (json_valid,helpful)." };
        var noErrors = new Option<bool>("--no-error-guard") { Description = "Do not halt on a higher error rate." };
        var noLatency = new Option<bool>("--no-latency-guard") { Description = "Do not halt on a higher latency p95." };
        var noCost = new Option<bool>("--no-cost-guard") { Description = "Do not halt on a higher cost per call." };
        var store = PromptsCommand.StoreOption();
        var command = new Command("start",
            """
            Start moving a label to a candidate version in guarded steps. The services that serve the prompt, with
            AddRollouts(), count the calls, judge each step and move the label; this command only writes the plan.

            Example:
              llmops rollout start support-reply production 3 --steps 10,25,50,100 --min-calls 300 --scores json_valid
            """)
        {
            name, label, candidate, steps, minCalls, minDuration, alpha, scores, noErrors, noLatency, noCost, store,
        };

        CommandActions.Set(command, host, (parseResult, cancellationToken) =>
            RolloutCommand.WithRolloutsAsync(host, parseResult.GetValue(store), PromptStoreAccess.Change, async rollouts =>
            {
                var plan = new RolloutPlan
                {
                    Steps = ParseSteps(parseResult.GetRequiredValue(steps)),
                    MinCallsPerStep = parseResult.GetValue(minCalls),
                    MinStepDuration = ParseDuration(parseResult.GetRequiredValue(minDuration)),
                    SignificanceLevel = parseResult.GetValue(alpha),
                    GuardErrorRate = !parseResult.GetValue(noErrors),
                    GuardLatency = !parseResult.GetValue(noLatency),
                    GuardCost = !parseResult.GetValue(noCost),
                    GuardedScores = parseResult.GetValue(scores)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
                };
                var version = ParseVersion(parseResult.GetRequiredValue(candidate));
                var status = await rollouts.StartAsync(parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(label), version, plan, cancellationToken);
                await RolloutStatusCommand.WriteAsync(host.Output, status);
                return CliExitCodes.Ok;
            }, cancellationToken));
        return command;
    }

    /// <exception cref="CliInputException">The text is not a list of numbers.</exception>
    internal static List<double> ParseSteps(string text)
    {
        List<double> steps = [];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var step))
            {
                throw new CliInputException($"--steps '{text}' is not a list of percentages. Write increasing numbers ending with 100, such as 10,25,50,100.");
            }

            steps.Add(step);
        }

        return steps;
    }

    /// <exception cref="CliInputException">The text is not a duration.</exception>
    internal static TimeSpan ParseDuration(string text)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        if (unit is 's' or 'm' or 'h'
            && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return unit switch { 's' => TimeSpan.FromSeconds(amount), 'm' => TimeSpan.FromMinutes(amount), _ => TimeSpan.FromHours(amount) };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new CliInputException($"--min-duration '{text}' is not a duration. Write 90s, 10m, 1h or 00:10:00.");
    }

    private static int ParseVersion(string text) =>
        int.TryParse(text.TrimStart('v', 'V'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new CliInputException($"'{text}' is not a version. Write the candidate's number, such as 3 or v3.");
}
