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
}
