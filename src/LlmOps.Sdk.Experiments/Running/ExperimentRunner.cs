using LlmOps.Sdk.Prompts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmOps.Sdk.Experiments;

/// <summary>Runs experiments: every case through the real chat pipeline, scored, and appended to a results file as it finishes.</summary>
/// <remarks>
/// <para>
/// Before the first call the runner resolves every candidate's client and prompt (pinning the prompt version for the
/// whole run) and checks that every item supplies every variable every prompt requires, listing all problems at once.
/// </para>
/// <para>
/// Cases run <see cref="Experiment.MaxConcurrency"/> at a time, within each client's <see cref="ExperimentRateLimit"/>.
/// Each finished case is one line of the results file, written at once: a run holds no results in memory, and a run
/// that is stopped or killed resumes where it was when it is started again with the same results file; only cases
/// without a successful result then run. A failed case is recorded with its error and the run goes on, unless more than
/// <see cref="Experiment.MaxFailedCases"/> fail.
/// </para>
/// <para>Thread-safe: one runner can run several experiments at once, each with its own results file.</para>
/// </remarks>
public sealed class ExperimentRunner
{
    private static readonly object DefaultClientKey = new();

    private readonly IServiceProvider? _services;
    private readonly IPromptRegistry? _registry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ExperimentRunner"/> class.</summary>
    /// <param name="services">Where chat clients (keyed or not) and the prompt registry come from; none when <see langword="null"/>, and then every candidate needs its own <see cref="ExperimentCandidate.Client"/>.</param>
    /// <param name="registry">Resolves registry prompts; the service provider's <see cref="IPromptRegistry"/> when <see langword="null"/>.</param>
    /// <param name="timeProvider">Times cases and paces rate limits; the service provider's, else <see cref="TimeProvider.System"/>, when <see langword="null"/>.</param>
    /// <param name="logger">Logs the run and its failed cases; the service provider's, else none, when <see langword="null"/>.</param>
    public ExperimentRunner(
        IServiceProvider? services = null, IPromptRegistry? registry = null, TimeProvider? timeProvider = null, ILogger<ExperimentRunner>? logger = null)
    {
        _services = services;
        _registry = registry ?? services?.GetService<IPromptRegistry>();
        _timeProvider = timeProvider ?? services?.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = logger ?? services?.GetService<ILogger<ExperimentRunner>>() ?? NullLogger<ExperimentRunner>.Instance;
    }

    /// <summary>Runs an experiment, appending one line per case to a results file; cases the file already holds are skipped.</summary>
    /// <param name="experiment">What to run.</param>
    /// <param name="resultsPath">The results file (JSON Lines); created, with its folder, when missing, and appended to when it exists.</param>
    /// <param name="progress">Told after every case how far the run is; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run: cases in flight are abandoned and not recorded, so a rerun does them.</param>
    /// <returns>The counts and totals of this run, and where its results are.</returns>
    /// <exception cref="ArgumentException">The experiment is invalid (no candidates, duplicate names, a bad setting); the message names the field and the fix.</exception>
    /// <exception cref="DatasetException">Items lack variables the prompts require; every item, variable and candidate is listed.</exception>
    /// <exception cref="PromptException">A candidate's prompt cannot be resolved or parsed.</exception>
    /// <exception cref="InvalidOperationException">A candidate's chat client, or the prompt registry, is not available.</exception>
    /// <exception cref="InvalidDataException">The results file has a line that is not a case result.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the results so far are in the file.</exception>
    public async Task<ExperimentRunResult> RunAsync(
        Experiment experiment, string resultsPath, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ExperimentValidator.ThrowIfInvalid(experiment);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsPath);
        var limiters = new Dictionary<object, ClientRateLimiter>();
        try
        {
            var plans = await PlanAsync(experiment, limiters, cancellationToken);
            VariableCheck.ThrowIfMissing(experiment.Dataset, plans);
            var fullPath = Path.GetFullPath(resultsPath);
            var done = await ResultsFile.ReadCompletedKeysAsync(fullPath, cancellationToken);
            var run = new ExperimentRun(experiment, plans, fullPath, done, progress, _timeProvider, _logger);
            return await run.ExecuteAsync(cancellationToken);
        }
        finally
        {
            foreach (var limiter in limiters.Values)
            {
                limiter.Dispose();
            }
        }
    }

    private async Task<List<CandidatePlan>> PlanAsync(
        Experiment experiment, Dictionary<object, ClientRateLimiter> limiters, CancellationToken cancellationToken)
    {
        List<CandidatePlan> plans = [];
        foreach (var candidate in experiment.Candidates)
        {
            var client = ResolveClient(candidate);
            var (prompt, label, renderOptions) = await ResolvePromptAsync(candidate, cancellationToken);
            var group = candidate.ClientKey ?? candidate.Client ?? DefaultClientKey;
            if (!limiters.TryGetValue(group, out var limiter))
            {
                var limit = candidate.ClientKey is not null && experiment.ClientRateLimits.TryGetValue(candidate.ClientKey, out var keyed)
                    ? keyed
                    : experiment.RateLimit;
                if (limit is { RequestsPerMinute: not null } or { TokensPerMinute: not null })
                {
                    limiter = new ClientRateLimiter(limit, _timeProvider);
                    limiters[group] = limiter;
                }
            }

            plans.Add(new CandidatePlan(candidate, client, prompt, label, renderOptions, limiter));
        }

        return plans;
    }

    private IChatClient ResolveClient(ExperimentCandidate candidate)
    {
        if (candidate.Client is { } given)
        {
            return given;
        }

        if (candidate.ClientKey is { } key)
        {
            return _services?.GetKeyedService<IChatClient>(key)
                ?? throw new InvalidOperationException(
                    $"Candidate '{candidate.Name}' calls the chat client registered under the key '{key}', but {(_services is null ? "the runner was created without a service provider" : "none is registered under that key")}. Register it with services.AddKeyedChatClient(\"{key}\", …) and AddKeyedLlmOps(\"{key}\"), and create the runner with the app's service provider.");
        }

        return _services?.GetService<IChatClient>()
            ?? throw new InvalidOperationException(
                $"Candidate '{candidate.Name}' names no client, and {(_services is null ? "the runner was created without a service provider" : "no IChatClient is registered")}. Register one with services.AddChatClient(…) and AddLlmOps(), and create the runner with the app's service provider, or set the candidate's Client.");
    }

    private async Task<(PromptVersion Prompt, string? Label, PromptTemplateRenderOptions RenderOptions)> ResolvePromptAsync(
        ExperimentCandidate candidate, CancellationToken cancellationToken)
    {
        var registry = (candidate.ClientKey is { } key ? _services?.GetKeyedService<IPromptRegistry>(key) : null) ?? _registry;
        var renderOptions = new PromptTemplateRenderOptions { StrictVariables = false };
        PromptVersion prompt;
        string? label = null;
        if (candidate.Template is { } template)
        {
            prompt = template;
        }
        else
        {
            if (registry is null)
            {
                throw new InvalidOperationException(
                    $"Candidate '{candidate.Name}' runs prompt '{candidate.PromptName}' from the registry, but the runner has none. Create the runner with the service provider of an app that calls AddLlmOps(), or pass a prompt registry.");
            }

            try
            {
                var resolution = await registry.ResolveAsync(new PromptReference(candidate.PromptName!, candidate.Label, candidate.Version), cancellationToken); // validated: a candidate without a template names a prompt
                prompt = resolution.Prompt;
                label = resolution.Label;
            }
            catch (PromptException error)
            {
                throw new PromptException($"Candidate '{candidate.Name}': {error.Message}", error)
                {
                    PromptName = error.PromptName ?? candidate.PromptName,
                    Version = error.Version ?? candidate.Version,
                    Label = error.Label ?? candidate.Label,
                    FilePath = error.FilePath,
                    Line = error.Line,
                };
            }
        }

        // Parse now, so that a template that does not parse fails the run before its first call.
        var compiled = CompiledPrompt.For(prompt);
        if (compiled.Template.PartialNames.Count > 0 && registry is not null)
        {
            var partials = await PartialPrefetcher.ResolveAsync(
                registry, compiled, label ?? PromptConstants.DefaultLabel, PromptConstants.DefaultMaxPartialDepth, cancellationToken);
            renderOptions = renderOptions with { Partials = partials };
        }

        return (prompt, label, renderOptions);
    }
}
