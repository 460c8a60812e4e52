namespace LlmOps.Sdk.Experiments;

/// <summary>Checks an experiment's definition before anything runs; each message names the field and the fix.</summary>
internal static class ExperimentValidator
{
    public static void ThrowIfInvalid(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (string.IsNullOrWhiteSpace(experiment.Id))
        {
            Fail("Experiment.Id is empty. Give the experiment an id, such as 'support-reply-2025-06'.");
        }

        var name = $"Experiment '{experiment.Id}'";
        if (experiment.Dataset is null)
        {
            Fail($"{name} has no Dataset. Load one with Dataset.Load(path) or build one in code.");
        }

        if (experiment.Candidates is not { Count: > 0 })
        {
            Fail($"{name} has no candidates. Add at least one, such as ExperimentCandidate.ForPrompt(\"v2\", \"support-reply\", version: 2).");
        }

        if (experiment.Repetitions < 1)
        {
            Fail($"{name} has Repetitions = {experiment.Repetitions}. Set it to 1 or more.");
        }

        if (experiment.MaxConcurrency < 1)
        {
            Fail($"{name} has MaxConcurrency = {experiment.MaxConcurrency}. Set it to 1 or more (the default is {ExperimentConstants.DefaultMaxConcurrency}).");
        }

        if (experiment.MaxFailedCases < 0)
        {
            Fail($"{name} has MaxFailedCases = {experiment.MaxFailedCases}. Set it to 0 or more, or leave it unset to never stop on failures.");
        }

        ThrowIfInvalid(name, experiment.RateLimit, "RateLimit");
        foreach (var (key, limit) in experiment.ClientRateLimits)
        {
            ThrowIfInvalid(name, limit, $"ClientRateLimits['{key}']");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < experiment.Candidates.Count; i++)
        {
            var candidate = experiment.Candidates[i];
            if (candidate is null || string.IsNullOrWhiteSpace(candidate.Name))
            {
                Fail($"{name}: candidate {i + 1} has no name. Give each candidate a unique name, such as 'v2-gpt-4.1-mini'.");
            }

            if (!names.Add(candidate.Name))
            {
                Fail($"{name} has two candidates named '{candidate.Name}'. Give each candidate a unique name: results are keyed by it.");
            }

            if ((candidate.PromptName is null) == (candidate.Template is null))
            {
                Fail(candidate.PromptName is null
                    ? $"{name}: candidate '{candidate.Name}' has no prompt. Set PromptName (a prompt in the registry) or Template (a prompt in code)."
                    : $"{name}: candidate '{candidate.Name}' sets both PromptName and Template. Set one: PromptName for a prompt in the registry, Template for a prompt in code.");
            }

            if (candidate.Client is not null && candidate.ClientKey is not null)
            {
                Fail($"{name}: candidate '{candidate.Name}' sets both Client and ClientKey. Set one.");
            }
        }

        if (experiment.Baseline is { } baseline && !names.Contains(baseline))
        {
            Fail($"{name} names '{baseline}' as its baseline, but no candidate has that name (candidates: {string.Join(", ", names)}). Name one of them.");
        }
    }

    private static void ThrowIfInvalid(string name, ExperimentRateLimit? limit, string field)
    {
        if (limit?.RequestsPerMinute is < 1)
        {
            Fail($"{name} has {field}.RequestsPerMinute = {limit.RequestsPerMinute}. Set it to 1 or more, or leave it unset for no limit.");
        }

        if (limit?.TokensPerMinute is < 1)
        {
            Fail($"{name} has {field}.TokensPerMinute = {limit.TokensPerMinute}. Set it to 1 or more, or leave it unset for no limit.");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) => throw new ArgumentException(message);
}
