namespace LlmOps.Sdk.Experiments;

/// <summary>The items an experiment runs: loaded from JSONL or CSV, or built in code, with a content hash for reports.</summary>
/// <remarks>
/// <para>Immutable and thread-safe. Item ids are unique; every result records <see cref="ContentHash"/>, so a report says
/// exactly which data it ran on.</para>
/// <para>
/// A JSONL file has one JSON object per line:
/// <c>{"id": "q1", "variables": {"question": "…"}, "expected": "…", "metadata": {"topic": "billing"}}</c>. Only
/// <c>variables</c> is required; <c>expected</c> is a string or a list of strings; a blank line is skipped. A CSV file
/// has a header row; see <see cref="CsvDatasetOptions"/> for which columns mean what.
/// </para>
/// </remarks>
public sealed class Dataset
{
    /// <summary>Initializes a new instance of the <see cref="Dataset"/> class from items built in code.</summary>
    /// <param name="name">The dataset's name, shown in reports.</param>
    /// <param name="items">The items, in order.</param>
    /// <exception cref="DatasetException">Two items have the same id; the message names both.</exception>
    public Dataset(string name, IEnumerable<DatasetItem> items)
        : this(name, items, sourcePath: null)
    {
    }

    private Dataset(string name, IEnumerable<DatasetItem> items, string? sourcePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(items);
        List<DatasetItem> list = [.. items];
        var problems = FindDuplicateIds(list, sourcePath);
        if (problems.Count > 0)
        {
            throw new DatasetException(problems);
        }

        Name = name;
        Items = list;
        SourcePath = sourcePath;
        ContentHash = DatasetHash.OfItems(list);
    }

    /// <summary>Gets the dataset's name: given, or the file's name without its extension.</summary>
    public string Name { get; }

    /// <summary>Gets the items, in file order.</summary>
    public IReadOnlyList<DatasetItem> Items { get; }

    /// <summary>Gets the SHA-256 (lower-case hex) of every item's id and content, in order.</summary>
    /// <remarks>The same data gives the same hash whether it was read from JSONL, CSV or built in code.</remarks>
    public string ContentHash { get; }

    /// <summary>Gets the full path of the file the dataset was read from, or <see langword="null"/> when it was built in code.</summary>
    public string? SourcePath { get; }

    /// <summary>Loads a dataset from a file, by its extension: <c>.jsonl</c> or <c>.ndjson</c> as JSON Lines, <c>.csv</c> or <c>.tsv</c> as CSV.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The dataset, named after the file.</returns>
    /// <exception cref="DatasetException">The file has bad lines, fields or duplicate ids; every problem is listed with its line.</exception>
    /// <exception cref="ArgumentException">The extension is none of these.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSONL" or ".NDJSON" => LoadJsonl(path),
            ".CSV" => LoadCsv(path),
            ".TSV" => LoadCsv(path, new CsvDatasetOptions { Separator = '\t' }),
            _ => throw new ArgumentException(
                $"Dataset file '{path}' has an extension that is neither .jsonl, .ndjson, .csv nor .tsv. Rename it, or call LoadJsonl or LoadCsv.",
                nameof(path)),
        };
    }

    /// <summary>Loads a dataset from a JSON Lines file: one item per line.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The dataset, named after the file.</returns>
    /// <exception cref="DatasetException">A line is not a JSON object, a field is unknown or of the wrong kind, or two items have the same id; every problem is listed with its line and field.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset LoadJsonl(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        return FromFile(fullPath, JsonlDatasetReader.Read(fullPath));
    }

    /// <summary>Loads a dataset from a CSV file with a header row.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Which columns hold the id, the reference answers and metadata; the defaults when <see langword="null"/>.</param>
    /// <returns>The dataset, named after the file.</returns>
    /// <exception cref="DatasetException">A row lacks a column, a configured column is missing from the header, or two items have the same id; every problem is listed with its line and column.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Dataset LoadCsv(string path, CsvDatasetOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        return FromFile(fullPath, CsvDatasetReader.Read(fullPath, options ?? new CsvDatasetOptions()));
    }

    private static Dataset FromFile(string fullPath, List<DatasetItem> items) =>
        new(Path.GetFileNameWithoutExtension(fullPath), items, fullPath);

    private static List<DatasetProblem> FindDuplicateIds(List<DatasetItem> items, string? sourcePath)
    {
        List<DatasetProblem> problems = [];
        var seen = new Dictionary<string, DatasetItem>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!seen.TryAdd(item.Id, item))
            {
                var first = seen[item.Id];
                var where = item.Location ?? $"item {i + 1}";
                var firstWhere = first.Location ?? $"item {items.IndexOf(first) + 1}";
                var message = item.IdWasGiven
                    ? $"Dataset{In(sourcePath)}: {where} has id '{item.Id}', which {firstWhere} already has. Give each item a unique id."
                    : $"Dataset{In(sourcePath)}: {where} has the same content as {firstWhere} (derived id '{item.Id}'). Remove the duplicate, or give the items ids; to run an item several times, set Experiment.Repetitions.";
                problems.Add(new DatasetProblem(item.SourcePath ?? sourcePath, item.SourceLine, "id", message));
            }
        }

        return problems;
    }

    private static string In(string? path) => path is null ? string.Empty : $" '{path}'";
}
