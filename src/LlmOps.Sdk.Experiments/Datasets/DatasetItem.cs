using LlmOps.Sdk.Evaluation;

namespace LlmOps.Sdk.Experiments;

/// <summary>One input of an experiment: the variables a prompt is rendered with, the reference answers, and metadata.</summary>
/// <remarks>
/// Immutable once built. Variables read from a file are <see cref="System.Text.Json.JsonElement"/> values (JSONL) or
/// strings (CSV); variables given in code may be strings, numbers, booleans, lists and dictionaries of those, or JSON.
/// </remarks>
public sealed class DatasetItem
{
    private readonly Dictionary<string, object?> _variables;

    /// <summary>Initializes a new instance of the <see cref="DatasetItem"/> class.</summary>
    /// <param name="variables">The values the prompt's templates read, by top-level name.</param>
    /// <param name="referenceAnswers">The expected answers, for evaluators that compare against one; none when <see langword="null"/>.</param>
    /// <param name="metadata">Free-form labels (a category, a source) that reports can group by; none when <see langword="null"/>.</param>
    /// <param name="id">The item's id; when <see langword="null"/>, one is derived from the content, so it stays the same across runs.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or a reference answer is <see langword="null"/>.</exception>
    public DatasetItem(
        IReadOnlyDictionary<string, object?> variables,
        IEnumerable<string>? referenceAnswers = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        string? id = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (id is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(id);
        }

        _variables = new Dictionary<string, object?>(variables, StringComparer.Ordinal);
        List<string> answers = [];
        foreach (var answer in referenceAnswers ?? [])
        {
            answers.Add(answer ?? throw new ArgumentException("A reference answer is null. Leave it out or give its text.", nameof(referenceAnswers)));
        }

        ReferenceAnswers = answers;
        Metadata = metadata is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        ContentHash = DatasetHash.OfItem(this);
        IdWasGiven = id is not null;
        Id = id ?? ContentHash[..16];
    }

    /// <summary>Gets the item's id: given, or the first 16 hex digits of the SHA-256 of its content.</summary>
    public string Id { get; }

    /// <summary>Gets the values the prompt's templates read, by top-level name.</summary>
    public IReadOnlyDictionary<string, object?> Variables => _variables;

    /// <summary>Gets the expected answers; empty when the item has none.</summary>
    public IReadOnlyList<string> ReferenceAnswers { get; }

    /// <summary>Gets free-form labels, such as a category; empty when the item has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Gets where the item was read, such as <c>qa.jsonl line 12</c>, for error messages; <see langword="null"/> for an item built in code.</summary>
    public string? Location { get; init; }

    /// <summary>Gets the file the item was read from, or <see langword="null"/>.</summary>
    internal string? SourcePath { get; init; }

    /// <summary>Gets the 1-based line the item was read from, or <see langword="null"/>.</summary>
    internal int? SourceLine { get; init; }

    /// <summary>Gets whether the id was given rather than derived, so a duplicate can be explained.</summary>
    internal bool IdWasGiven { get; }

    /// <summary>Gets the SHA-256 (lower-case hex) of the variables, reference answers and metadata; the id is not part of it.</summary>
    internal string ContentHash { get; }

    /// <summary>Gets the metadata as evaluators receive it, built once per item rather than once per case.</summary>
    internal IReadOnlyDictionary<string, object?> EvaluationMetadata => field ??= Metadata.Count == 0
        ? ChatEvaluationContext.EmptyMetadata
        : Metadata.ToDictionary(static m => m.Key, static m => (object?)m.Value, StringComparer.Ordinal);

    /// <summary>Gets the variables as the concrete dictionary the template renderer reads without reflection.</summary>
    internal Dictionary<string, object?> VariableDictionary => _variables;

    /// <inheritdoc/>
    public override string ToString() => Location is null ? $"item '{Id}'" : $"item '{Id}' ({Location})";
}
