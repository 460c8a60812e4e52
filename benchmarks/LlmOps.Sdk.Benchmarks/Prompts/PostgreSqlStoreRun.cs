using System.Diagnostics;
using System.Globalization;
using LlmOps.Sdk.Prompts;
using LlmOps.Sdk.Prompts.PostgreSql;
using LlmOps.Sdk.Tests.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace LlmOps.Sdk.Benchmarks.Prompts;

/// <summary>
/// The PostgreSQL store's timed run (not BenchmarkDotNet), against a server it starts itself: a fleet of three
/// processes serving calls while a label moves 50 times (propagation p50/p99), a registry cache miss (p50/p99), and
/// start-up with 10,000 prompts of 5 versions each (load time and memory).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/LlmOps.Sdk.Benchmarks -- pg-store</c>. Each fleet member is this
/// program started again with <see cref="MemberCommand"/>; its times are <see cref="Stopwatch"/> timestamps, which on
/// Linux read the machine's monotonic clock, so they compare across processes.
/// </remarks>
internal static class PostgreSqlStoreRun
{
    /// <summary>The first argument that selects this mode.</summary>
    public const string Command = "pg-store";

    /// <summary>The first argument of a fleet member process.</summary>
    public const string MemberCommand = "pg-fleet-member";

    private const int Members = 3;
    private const int Moves = 50;
    private const int Misses = 2_000;
    private const int ScalePrompts = 10_000;
    private const int ScaleVersions = 5;
    private static readonly PromptChange Change = new("benchmark", "move");

    public static async Task<int> RunAsync()
    {
        await using var server = await PostgreSqlServer.StartAsync(PostgreSqlServer.FindBinaries()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL on 127.0.0.1:{server.Port}, {Environment.ProcessorCount} cores"));
        await FleetAsync(await server.CreateDatabaseAsync());
        await MissAsync(await server.CreateDatabaseAsync());
        await ScaleAsync(await server.CreateDatabaseAsync());
        return 0;
    }

    /// <summary>A fleet member: serves calls in a loop and prints each change of the version it serves, with the time.</summary>
    public static async Task<int> MemberAsync(string connectionString)
    {
        await using var store = new PostgreSqlPromptStore(connectionString);
        using var registry = new PromptRegistry([store], new PromptOptions { CacheDuration = TimeSpan.FromHours(1) });
        await store.StartAsync();
        await store.Listener!.WaitForConnectionAsync(0, CancellationToken.None);
        var served = 0;
        var reference = new PromptReference("greet", Label: "production");
        Console.WriteLine("ready");
        var input = Task.Run(Console.In.ReadLine); // the parent closes stdin to stop the member; a blocking read, on its own thread
        while (!input.IsCompleted)
        {
            var version = (await registry.ResolveAsync(reference)).Prompt.Version;
            if (version != served)
            {
                served = version;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"v {version} {Stopwatch.GetTimestamp()}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System); // about a thousand calls a second
        }

        return 0;
    }

    private static async Task FleetAsync(string database)
    {
        await using var writer = new PostgreSqlPromptStore(database, new PostgreSqlPromptStoreOptions { ListenForChanges = false });
        await writer.PublishAsync(new PromptVersion("greet", 1, "Hello {{who}}, v1."), Change);
        await writer.PublishAsync(new PromptVersion("greet", 2, "Hello {{who}}, v2."), Change);
        await writer.SetLabelAsync("greet", "production", [new(1)], expected: null, Change);

        var members = new List<(Process Process, MemberLog Log)>();
        for (var i = 0; i < Members; i++)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(PostgreSqlStoreRun).Assembly.Location);
            }

            start.ArgumentList.Add(MemberCommand);
            start.ArgumentList.Add(database);
            var process = Process.Start(start)!; // Start with UseShellExecute off returns the process or throws
            members.Add((process, new MemberLog(process)));
        }

        foreach (var (_, log) in members)
        {
            await log.Ready.WaitAsync(TimeSpan.FromMinutes(1));
        }

        var latencies = new List<double>();
        for (var m = 0; m < Moves; m++)
        {
            var target = m % 2 == 0 ? 2 : 1;
            var movedAt = Stopwatch.GetTimestamp();
            await writer.SetLabelAsync("greet", "production", [new(target)], expected: [new(3 - target)], Change);
            foreach (var (_, log) in members)
            {
                var seenAt = await log.WaitForAsync(target, movedAt).WaitAsync(TimeSpan.FromSeconds(30));
                latencies.Add(Stopwatch.GetElapsedTime(movedAt, seenAt).TotalMilliseconds);
            }
        }

        foreach (var (process, _) in members)
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            process.Dispose();
        }

        Report($"Fleet: {Members} processes, each its own store and connections, serving calls; a label moved {Moves} times; time until each served the move", latencies);
    }

    private static async Task MissAsync(string database)
    {
        await using var store = new PostgreSqlPromptStore(database, new PostgreSqlPromptStoreOptions { ListenForChanges = false });
        await store.PublishAsync(new PromptVersion("support", 1, RealisticPrompt.Mustache), Change);
        await store.SetLabelAsync("support", "production", [new(1)], expected: null, Change);
        using var registry = new PromptRegistry([store], new PromptOptions { CacheDuration = TimeSpan.Zero }); // every resolve reads the store
        var reference = new PromptReference("support", Label: "production");
        for (var i = 0; i < 200; i++)
        {
            await registry.ResolveAsync(reference); // warm the JIT and the connection pool
        }

        var latencies = new List<double>(Misses);
        for (var i = 0; i < Misses; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await registry.ResolveAsync(reference);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        Report($"Cache miss: {Misses:N0} resolves that each read the store (one round trip: versions and labels)", latencies);
    }

    private static async Task ScaleAsync(string database)
    {
        await using (var migrate = new PostgreSqlPromptStore(database, new PostgreSqlPromptStoreOptions { ListenForChanges = false }))
        {
            await migrate.StartAsync();
        }

        var seeding = Stopwatch.StartNew();
        await SeedAsync(database);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scale: seeded {ScalePrompts:N0} prompts x {ScaleVersions} versions by COPY in {seeding.Elapsed.TotalSeconds:F1} s"));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.StartNew();
        var store = new PostgreSqlPromptStore(database);
        await store.StartAsync();
        var startOnly = started.Elapsed;
        var registry = new PromptRegistry([store], new PromptOptions { CacheDuration = TimeSpan.FromHours(1) });
        for (var p = 0; p < ScalePrompts; p++)
        {
            await registry.ResolveAsync(new PromptReference(Name(p), Label: "production"));
        }

        var loaded = started.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scale: store start (schema check, listener) {startOnly.TotalMilliseconds:F0} ms; every prompt resolved once, one after another, {loaded.TotalSeconds:F2} s " +
            $"({loaded.TotalMilliseconds / ScalePrompts:F2} ms a prompt); managed memory held by the registry and store {(after - before) / 1048576.0:F1} MB " +
            $"({(after - before) / (double)(ScalePrompts * ScaleVersions):F0} B a version)"));
        GC.KeepAlive(registry);
        registry.Dispose();
        await store.DisposeAsync();
    }

    private static async Task SeedAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);
        await using (var prompts = await connection.BeginBinaryImportAsync("COPY llmops.prompts (name, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < ScalePrompts; p++)
            {
                await prompts.WriteRowAsync(CancellationToken.None, Name(p), now);
            }

            await prompts.CompleteAsync();
        }

        await using (var versions = await connection.BeginBinaryImportAsync(
            "COPY llmops.prompt_versions (name, version, content_hash, document, published_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < ScalePrompts; p++)
            {
                for (var v = 1; v <= ScaleVersions; v++)
                {
                    var version = new PromptVersion(Name(p), v, RealisticPrompt.Mustache + $"\n(v{v})");
                    await versions.StartRowAsync();
                    await versions.WriteAsync(version.Name, NpgsqlDbType.Text);
                    await versions.WriteAsync(v, NpgsqlDbType.Integer);
                    await versions.WriteAsync(version.ContentHash, NpgsqlDbType.Text);
                    await versions.WriteAsync(PromptVersionJson.SerializeToString(version), NpgsqlDbType.Text);
                    await versions.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
            }

            await versions.CompleteAsync();
        }

        await using var labels = await connection.BeginBinaryImportAsync(
            "COPY llmops.prompt_labels (name, label, versions, weights, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var p = 0; p < ScalePrompts; p++)
        {
            await labels.StartRowAsync();
            await labels.WriteAsync(Name(p), NpgsqlDbType.Text);
            await labels.WriteAsync("production", NpgsqlDbType.Text);
            await labels.WriteAsync(new[] { ScaleVersions }, NpgsqlDbType.Array | NpgsqlDbType.Integer);
            await labels.WriteAsync(new[] { 1.0 }, NpgsqlDbType.Array | NpgsqlDbType.Double);
            await labels.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }

        await labels.CompleteAsync();
    }

    private static string Name(int p) => string.Create(CultureInfo.InvariantCulture, $"team{p % 100:D2}/prompt{p:D5}");

    private static void Report(string what, List<double> latencies)
    {
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: n {latencies.Count}, p50 {latencies[latencies.Count / 2]:F2} ms, p99 {latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]:F2} ms, max {latencies[^1]:F2} ms"));
    }

    /// <summary>Reads a member's output: "ready", then "v {version} {timestamp}" each time what it serves changes.</summary>
    private sealed class MemberLog
    {
        private readonly Lock _gate = new();
        private readonly List<(int Version, long At)> _seen = [];
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MemberLog(Process process) => _ = ReadAsync(process.StandardOutput);

        public Task Ready => _ready.Task;

        /// <summary>Completes with the time the member first served <paramref name="version"/> after <paramref name="after"/>.</summary>
        public async Task<long> WaitForAsync(int version, long after)
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    foreach (var (v, at) in _seen)
                    {
                        if (v == version && at >= after)
                        {
                            return at;
                        }
                    }

                    changed = _changed.Task;
                }

                await changed;
            }
        }

        private async Task ReadAsync(StreamReader output)
        {
            while (await output.ReadLineAsync() is { } line)
            {
                if (line == "ready")
                {
                    _ready.TrySetResult();
                    continue;
                }

                var parts = line.Split(' ');
                if (parts is ["v", var version, var at])
                {
                    TaskCompletionSource changed;
                    lock (_gate)
                    {
                        _seen.Add((int.Parse(version, CultureInfo.InvariantCulture), long.Parse(at, CultureInfo.InvariantCulture)));
                        changed = _changed;
                        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    changed.TrySetResult();
                }
            }
        }
    }
}
