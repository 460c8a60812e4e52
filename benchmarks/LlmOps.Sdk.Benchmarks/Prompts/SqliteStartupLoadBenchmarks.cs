using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.Sqlite;
using Microsoft.Data.Sqlite;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// A service starting on a SQLite file of 10,000 prompts of 5 versions each: open the store, list the prompts and read
/// every one, as a registry that warms its cache would. Each iteration starts cold (a new store, an empty version cache).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SqliteStartupLoadBenchmarks
{
    private const int Prompts = 10_000;
    private const int Versions = 5;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "llmops-bench-" + Guid.NewGuid().ToString("N"));
    private string _path = null!;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_directory);
        _path = Path.Combine(_directory, "prompts.db");
        using (new SqlitePromptStore(_path))
        {
            // creates the schema
        }

        // One transaction with raw inserts: publishing 50,000 versions one commit at a time would take minutes of setup.
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var version = connection.CreateCommand();
        version.CommandText = "INSERT INTO llmops_prompt_versions (name, version, content_hash, document, published_at) VALUES ($n, $v, $h, $d, '2026-12-06T00:00:00.0000000+00:00')";
        var name = version.Parameters.Add("$n", SqliteType.Text);
        var number = version.Parameters.Add("$v", SqliteType.Integer);
        var hash = version.Parameters.Add("$h", SqliteType.Text);
        var document = version.Parameters.Add("$d", SqliteType.Text);
        using var label = connection.CreateCommand();
        label.CommandText = "INSERT INTO llmops_prompt_labels (name, label, targets) VALUES ($n, 'production', $t)";
        var labelName = label.Parameters.Add("$n", SqliteType.Text);
        var targets = label.Parameters.Add("$t", SqliteType.Text);
        for (var p = 0; p < Prompts; p++)
        {
            for (var v = 1; v <= Versions; v++)
            {
                var prompt = new PromptVersion($"team-{p % 50}/prompt-{p}", v,
                [
                    new(ChatRole.System, $"You are a calm support agent for product {p}. Answer in two sentences (revision {v})."),
                    new(ChatRole.User, "{{customer}} asks: {{question}}"),
                ])
                {
                    Model = new PromptModelSettings { ModelId = "gpt-4o-mini", Temperature = 0.2f, MaxOutputTokens = 300 },
                    Variables = [new PromptVariable("customer"), new PromptVariable("question")],
                };
                name.Value = prompt.Name;
                number.Value = v;
                hash.Value = prompt.ContentHash;
                document.Value = PromptVersionJson.SerializeToString(prompt);
                version.ExecuteNonQuery();
            }

            labelName.Value = name.Value;
            targets.Value = PromptVersionJson.SerializeTargets([new PromptVersionWeight(Versions)]);
            label.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<int> OpenListAndReadEveryPrompt()
    {
        using var store = new SqlitePromptStore(_path);
        var versions = 0;
        await foreach (var name in store.ListPromptsAsync())
        {
            versions += (await store.GetPromptAsync(name))!.Versions.Count;
        }

        return versions == Prompts * Versions ? versions : throw new InvalidOperationException($"Read {versions} versions.");
    }
}
