using System.Globalization;

namespace LlmOps.Sdk.Prompts.PostgreSql;

/// <summary>One numbered schema script: <c>0001_create_prompts.sql</c> is version 1, named <c>create_prompts</c>.</summary>
/// <param name="Version">The schema version the script brings the database to.</param>
/// <param name="Name">What the script does.</param>
/// <param name="Sql">The script.</param>
internal sealed record SchemaMigration(int Version, string Name, string Sql)
{
    private const string Prefix = "Migrations/";

    /// <summary>Gets every script embedded in the assembly, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } = Load();

    /// <summary>Gets the schema version this code writes and reads.</summary>
    public static int Latest => All[^1].Version;

    private static SchemaMigration[] Load()
    {
        var migrations = SqlText.ResourceNames(Prefix).Select(static resource =>
        {
            var file = Path.GetFileNameWithoutExtension(resource[Prefix.Length..]);
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            return new SchemaMigration(int.Parse(file[..separator], NumberStyles.None, CultureInfo.InvariantCulture), file[(separator + 1)..], SqlText.Resource(resource));
        }).OrderBy(static m => m.Version).ToArray();

        // Numbered 1, 2, 3 with no gap, so that the highest version applied says exactly which scripts ran.
        for (var i = 0; i < migrations.Length; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema script {migrations[i].Name} is numbered {migrations[i].Version}, expected {i + 1}.");
            }
        }

        return migrations;
    }
}
