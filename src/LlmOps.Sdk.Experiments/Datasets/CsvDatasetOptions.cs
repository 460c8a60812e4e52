namespace LlmOps.Sdk.Experiments;

/// <summary>How a CSV dataset's columns map to item ids, prompt variables, reference answers and metadata.</summary>
/// <remarks>
/// The file has a header row. The id column (when present) gives each item's id; the expected column and any column
/// named <c>expected.</c>anything give reference answers (empty cells are skipped); columns whose names start with the
/// metadata prefix give metadata; every other column is a prompt variable, as a string.
/// </remarks>
public sealed class CsvDatasetOptions
{
    /// <summary>Gets or sets the character between fields.</summary>
    /// <value>The default is <c>,</c>; <see cref="Dataset.Load"/> uses a tab for <c>.tsv</c> files.</value>
    public char Separator { get; set; } = ',';

    /// <summary>Gets or sets the column that holds item ids; without it, ids are derived from the content.</summary>
    /// <value>The default is <c>id</c>.</value>
    public string IdColumn { get; set; } = "id";

    /// <summary>Gets or sets the column that holds the reference answer; further answers go in columns named after it with a suffix, such as <c>expected.2</c>.</summary>
    /// <value>The default is <c>expected</c>.</value>
    public string ExpectedColumn { get; set; } = "expected";

    /// <summary>Gets or sets the prefix of metadata columns; <c>metadata.topic</c> becomes the metadata entry <c>topic</c>.</summary>
    /// <value>The default is <c>metadata.</c>.</value>
    public string MetadataPrefix { get; set; } = "metadata.";

    /// <summary>Gets or sets columns the header must have; loading fails, naming each missing one, when it lacks any.</summary>
    /// <value>The default is none. The prompts' variables are checked anyway when an experiment starts.</value>
    public IReadOnlyList<string> RequiredColumns { get; set; } = [];
}
