using System.Globalization;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Checks a <see cref="RolloutPlan"/> before a rollout starts, with messages that name the setting and its range.</summary>
internal static class RolloutPlanRules
{
    /// <exception cref="ArgumentException">A setting is out of its range.</exception>
    public static void ThrowIfInvalid(RolloutPlan plan, string name, string label)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var where = $"The rollout plan of prompt '{name}' label '{label}'";
        var steps = plan.Steps ?? throw new ArgumentException($"{where} has no Steps. Give increasing percentages ending with 100, such as 5, 25, 50, 100.", nameof(plan));
        if (steps.Count < 2 || steps[^1] != 100)
        {
            throw new ArgumentException(
                $"{where} has Steps [{Join(steps)}]; they must end with 100 and have at least one step below it, such as 5, 25, 50, 100. To move the label at once, use SetLabelAsync or `llmops prompts label`.",
                nameof(plan));
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (!(steps[i] > 0) || steps[i] > 100 || (i > 0 && steps[i] <= steps[i - 1]))
            {
                throw new ArgumentException(
                    $"{where} has Steps [{Join(steps)}]; each must be above 0, at most 100 and above the one before it, such as 5, 25, 50, 100.",
                    nameof(plan));
            }
        }

        if (plan.MinCallsPerStep < 10)
        {
            throw new ArgumentException(
                $"{where} has MinCallsPerStep {plan.MinCallsPerStep}; it must be at least 10, because the tests need calls to tell noise from a worse version (200 or more is typical).",
                nameof(plan));
        }

        if (plan.MinStepDuration < TimeSpan.Zero)
        {
            throw new ArgumentException($"{where} has MinStepDuration {plan.MinStepDuration}; it must be zero or more.", nameof(plan));
        }

        if (!(plan.SignificanceLevel > 0) || plan.SignificanceLevel > 0.2)
        {
            throw new ArgumentException(
                $"{where} has SignificanceLevel {plan.SignificanceLevel.ToString(CultureInfo.InvariantCulture)}; it must be above 0 and at most 0.2 (0.05 is usual).",
                nameof(plan));
        }

        foreach (var score in plan.GuardedScores ?? [])
        {
            if (string.IsNullOrWhiteSpace(score))
            {
                throw new ArgumentException($"{where} guards an empty score name. Give the names evaluators write, such as json_valid.", nameof(plan));
            }
        }
    }

    private static string Join(IList<double> steps) => string.Join(", ", steps.Select(static s => s.ToString(CultureInfo.InvariantCulture)));
}
