using LlmOps.Sdk.Prompts;

namespace LlmOps.Sdk.Experiments;

/// <summary>An experiment as written in a YAML file: the dataset, the candidates, the evaluators, the baseline and the gates.</summary>
/// <remarks>
/// <para>A minimal file:</para>
/// <code language="yaml">
/// name: support-answers
/// dataset: dataset.jsonl          # JSON Lines or CSV; paths are relative to this file
/// prompts: prompts                # a prompts directory, as AddPromptsFromDirectory reads it
/// candidates:
///   - name: v1-mini
///     model: gpt-4.1-mini
///     prompt: support-answer
///     version: 1
///     api_key_env: OPENAI_API_KEY # the variable that holds the key, never the key
///   - name: v2-mini
///     model: gpt-4.1-mini
///     prompt: support-answer
///     version: 2
/// evaluators: [token_f1, exact_match]
/// baseline: v1-mini
/// thresholds:
///   fail_on: ["token_f1.mean &lt; 0.70"]
///   fail_on_regression: [token_f1]
/// </code>
/// <para>Unknown keys and bad values fail the load with the file, line and column, so a typo never silently changes a run.</para>
/// </remarks>
public sealed record ExperimentDefinition
{
    /// <summary>Gets the experiment's name, written as the experiment id of every result.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the full path of the file the definition was read from.</summary>
    public required string FilePath { get; init; }

    /// <summary>Gets the full path of the dataset (JSON Lines or CSV).</summary>
    public required string DatasetPath { get; init; }

    /// <summary>Gets the full path of the prompts directory, when the candidates render prompts.</summary>
    public string? PromptsDirectory { get; init; }

    /// <summary>Gets the candidates, in file order; their names are unique.</summary>
    public required IReadOnlyList<CandidateDefinition> Candidates { get; init; }

    /// <summary>Gets the evaluators, in file order.</summary>
    public IReadOnlyList<EvaluatorDefinition> Evaluators { get; init; } = [];

    /// <summary>Gets the name of the candidate the others are compared with; the first candidate when the file names none.</summary>
    public required string Baseline { get; init; }

    /// <summary>Gets how many cases run at once, when the file sets it.</summary>
    public int? Concurrency { get; init; }

    /// <summary>Gets how many times each item runs through each candidate, when the file sets it.</summary>
    public int? Repetitions { get; init; }

    /// <summary>Gets the gates that fail the run.</summary>
    public ExperimentThresholds Thresholds { get; init; } = new();

    /// <summary>Reads an experiment definition from a YAML file.</summary>
    /// <param name="path">The file; relative paths inside it are resolved against its folder.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ExperimentDefinitionException">The file is missing, is not valid YAML, has an unknown key or a bad value.</exception>
    public static ExperimentDefinition Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ExperimentDefinitionException($"Cannot read the experiment definition '{fullPath}': {error.Message} Check the path.", error)
            {
                FilePath = fullPath,
            };
        }

        return Parse(text, fullPath);
    }

    /// <summary>Reads an experiment definition from YAML text.</summary>
    /// <param name="yaml">The definition's text.</param>
    /// <param name="filePath">The file it came from: named in errors, and the folder relative paths are resolved against.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ExperimentDefinitionException">The text is not valid YAML, has an unknown key or a bad value.</exception>
    public static ExperimentDefinition Parse(string yaml, string filePath)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        return ExperimentDefinitionReader.Read(yaml, Path.GetFullPath(filePath));
    }

    /// <summary>Creates the experiment this definition describes, ready for <see cref="ExperimentRunner.RunAsync"/>.</summary>
    /// <param name="createClient">Creates the chat client of each candidate; the caller owns and disposes what it returns.</param>
    /// <param name="cancellationToken">Stops reading the dataset and prompts.</param>
    /// <returns>The experiment: the dataset loaded, each candidate's prompt version resolved and pinned, the evaluators created.</returns>
    /// <remarks>
    /// A candidate without a prompt sends each item's <c>input</c> variable as the user message. A candidate with neither a
    /// version nor a label runs the prompt's latest version.
    /// </remarks>
    /// <exception cref="DatasetException">The dataset has bad lines or duplicate ids.</exception>
    /// <exception cref="PromptException">A prompt file does not load, or a candidate's prompt, version or label does not exist.</exception>
    public async Task<Experiment> CreateExperimentAsync(Func<CandidateDefinition, IChatClient> createClient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createClient);
        var dataset = Dataset.Load(DatasetPath);
        using var store = PromptsDirectory is null ? null : new FilePromptStore(PromptsDirectory, watch: false);
        using var registry = store is null ? null : new PromptRegistry([store]);
        var candidates = new List<ExperimentCandidate>(Candidates.Count);
        foreach (var candidate in Candidates)
        {
            // Resolved once, here, so every case of the run renders the same version even if the files change meanwhile.
            var template = candidate.Prompt is null || registry is null
                ? new PromptVersion(candidate.Name, 1, "{{input}}")
                : (await registry.ResolveAsync(
                    new PromptReference(candidate.Prompt, candidate.PromptLabel ?? (candidate.PromptVersion is null ? PromptConstants.LatestLabel : null), candidate.PromptVersion),
                    cancellationToken)).Prompt;
            candidates.Add(ExperimentCandidate.ForTemplate(candidate.Name, template) with
            {
                Client = createClient(candidate),
                ModelId = candidate.Model,
                Settings = new CandidateSettings { Temperature = candidate.Temperature, MaxOutputTokens = candidate.MaxOutputTokens },
            });
        }

        return new Experiment
        {
            Id = Name,
            Dataset = dataset,
            Candidates = candidates,
            Evaluators = [.. Evaluators.Select(static e => e.CreateEvaluator())],
            Repetitions = Repetitions ?? 1,
            Baseline = Baseline,
            MaxConcurrency = Concurrency ?? ExperimentConstants.DefaultMaxConcurrency,
        };
    }
}
