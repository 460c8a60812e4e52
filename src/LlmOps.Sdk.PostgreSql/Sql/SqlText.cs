namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>The store's statements, read once from the .sql files embedded in the assembly.</summary>
internal static class SqlText
{
    public static readonly string SchemaTableExists = Read("schema_table_exists");
    public static readonly string SchemaVersion = Read("schema_version");
    public static readonly string SchemaLock = Read("schema_lock");
    public static readonly string SchemaRecord = Read("schema_record");
    public static readonly string PromptVersions = Read("prompt_versions");
    public static readonly string PromptLabels = Read("prompt_labels");
    public static readonly string PromptInsert = Read("prompt_insert");
    public static readonly string PromptLock = Read("prompt_lock");
    public static readonly string PromptNames = Read("prompt_names");
    public static readonly string VersionGet = Read("version_get");
    public static readonly string VersionByHash = Read("version_by_hash");
    public static readonly string LabelNames = Read("label_names");
    public static readonly string VersionNumbers = Read("version_numbers");
    public static readonly string VersionInsert = Read("version_insert");
    public static readonly string LabelGet = Read("label_get");
    public static readonly string LabelUpsert = Read("label_upsert");
    public static readonly string LabelDelete = Read("label_delete");
    public static readonly string HistoryInsert = Read("history_insert");
    public static readonly string HistoryGet = Read("history_get");
    public static readonly string HistoryLabel = Read("history_label");
    public static readonly string Notify = Read("notify");
    public static readonly string Ping = Read("ping");
    public static readonly string Listen = Read("listen");
    public static readonly string LeaseAcquire = Read("lease_acquire");
    public static readonly string LeaseRelease = Read("lease_release");
    public static readonly string CapturedCaseInsert = Read("captured_case_insert");
    public static readonly string CapturedCasesRead = Read("captured_cases_read");

    /// <summary>Reads an embedded resource by its logical name.</summary>
    public static string Resource(string logicalName)
    {
        using var stream = typeof(SqlText).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"The assembly {typeof(SqlText).Assembly.GetName().Name} lacks the resource '{logicalName}'; it was built without its .sql files.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Gets the logical names of the embedded resources that start with a prefix, in ordinal order.</summary>
    public static IEnumerable<string> ResourceNames(string prefix) =>
        typeof(SqlText).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Read(string name) => Resource($"Sql/{name}.sql");
}
