using System.Text.RegularExpressions;

namespace LlmOps.Sdk.Prompts.Sqlite;

/// <summary>The store's SQL, read once from the <c>.sql</c> files embedded in this assembly.</summary>
/// <remarks>Every value goes in as a parameter (<c>$name</c>); no statement is ever built from a caller's text.</remarks>
internal static partial class SqliteStatements
{
    public static readonly string SchemaVersionCreate = Load("SchemaVersionCreate.sql");
    public static readonly string SchemaVersionRead = Load("SchemaVersionRead.sql");
    public static readonly string SchemaVersionCurrent = Load("SchemaVersionCurrent.sql");
    public static readonly string SchemaVersionInsert = Load("SchemaVersionInsert.sql");
    public static readonly string ChangeCountRead = Load("ChangeCountRead.sql");
    public static readonly string ChangeCountBump = Load("ChangeCountBump.sql");
    public static readonly string VersionsRead = Load("VersionsRead.sql");
    public static readonly string VersionHashesRead = Load("VersionHashesRead.sql");
    public static readonly string VersionInsert = Load("VersionInsert.sql");
    public static readonly string LabelsRead = Load("LabelsRead.sql");
    public static readonly string LabelRead = Load("LabelRead.sql");
    public static readonly string LabelUpsert = Load("LabelUpsert.sql");
    public static readonly string LabelDelete = Load("LabelDelete.sql");
    public static readonly string HistoryInsert = Load("HistoryInsert.sql");
    public static readonly string HistoryRead = Load("HistoryRead.sql");
    public static readonly string HistoryLatestLabelChange = Load("HistoryLatestLabelChange.sql");
    public static readonly string PromptsList = Load("PromptsList.sql");
    public static readonly string JournalModeWal = Load("JournalModeWal.sql");
    public static readonly string StoreApplicationRead = Load("StoreApplicationRead.sql");
    public static readonly string CapturedCaseInsert = Load("CapturedCaseInsert.sql");
    public static readonly string CapturedCasesRead = Load("CapturedCasesRead.sql");

    /// <summary>Gets the migrations, in order: number and SQL.</summary>
    public static IReadOnlyList<(int Version, string Sql)> Migrations { get; } = LoadMigrations();

    /// <summary>Gets the highest schema version this code knows.</summary>
    public static int LatestSchemaVersion => Migrations[^1].Version;

    private static string Load(string name)
    {
        using var stream = typeof(SqliteStatements).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The SQL resource '{name}' is missing from LlmOps.Sdk.Sqlite. The package is damaged: reinstall it.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<(int Version, string Sql)> LoadMigrations()
    {
        List<(int Version, string Sql)> migrations = [];
        foreach (var name in typeof(SqliteStatements).Assembly.GetManifestResourceNames())
        {
            if (MigrationName().Match(name) is { Success: true } match)
            {
                migrations.Add((int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), Load(name)));
            }
        }

        migrations.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // A gap or a repeat would skip or apply twice a step of some database's history.
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The migrations of LlmOps.Sdk.Sqlite are not numbered 1, 2, 3…: found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex MigrationName();
}
