using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Prompts;

/// <summary>
/// Keeps on disk the prompts a registry has read from its stores, so that a service that starts while its store is
/// unreachable can serve what it served before.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. Each prompt read from a store replaces that prompt's entry; the file is written a moment later
/// (<see cref="WriteDelay"/>), once for a burst of reads, so loading thousands of prompts at start writes it a few times,
/// not thousands. It is written whole to a temporary file beside it and moved over it, so a crash mid-write leaves the
/// previous file intact. A file that cannot be read at start is logged and ignored: a snapshot is a safety net, never
/// a reason not to start.
/// </para>
/// <para>Each version is stored as the <see cref="PromptVersionJson"/> document, so its content hash is checked on reading.</para>
/// </remarks>
internal sealed class PromptSnapshotFile : IDisposable
{
    /// <summary>How long after a change the file is written, so a burst of reads is written once.</summary>
    public static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(1);

    private const int Format = 1;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PromptDefinition> _prompts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ITimer? _pendingWrite;
    private bool _dirty;
    private bool _disposed;

    public PromptSnapshotFile(string path, TimeProvider time, ILogger logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        _time = time;
        _logger = logger;
    }

    public string Path { get; }

    /// <summary>Reads the file; what it holds is kept, so that writing it again keeps prompts not read since.</summary>
    /// <returns>The prompts in the file by name; empty when there is no file or it cannot be read.</returns>
    public Dictionary<string, PromptDefinition> Load()
    {
        Dictionary<string, PromptDefinition> prompts = new(StringComparer.Ordinal);
        if (!File.Exists(Path))
        {
            return prompts;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path));
            var origin = $"the prompt snapshot file '{Path}'";
            if (!document.RootElement.TryGetProperty("format", out var format) || format.GetInt32() > Format)
            {
                throw new PromptException($"The prompt snapshot file '{Path}' is of a newer format than this version of LlmOps.Sdk reads. Delete it, or update the package.");
            }

            foreach (var prompt in document.RootElement.GetProperty("prompts").EnumerateArray())
            {
                var name = prompt.GetProperty("name").GetString() ?? string.Empty;
                List<PromptVersion> versions = [];
                foreach (var version in prompt.GetProperty("versions").EnumerateArray())
                {
                    versions.Add(PromptVersionJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(version.GetRawText()), origin));
                }

                Dictionary<string, IReadOnlyList<PromptVersionWeight>> labels = new(StringComparer.Ordinal);
                foreach (var label in prompt.GetProperty("labels").EnumerateObject())
                {
                    labels[label.Name] = PromptVersionJson.DeserializeTargets(label.Value.GetRawText(), $"label '{label.Name}' of prompt '{name}' in {origin}");
                }

                prompts[name] = new PromptDefinition(name, versions, labels);
            }
        }
#pragma warning disable CA1031 // a damaged snapshot must not stop the start: it is only a safety net
        catch (Exception error)
#pragma warning restore CA1031
        {
            PromptLog.SnapshotUnreadable(_logger, Path, error.Message, error);
            return new(StringComparer.Ordinal);
        }

        lock (_gate)
        {
            foreach (var (name, definition) in prompts)
            {
                _prompts.TryAdd(name, definition);
            }
        }

        return prompts;
    }

    /// <summary>Keeps a prompt just read from a store, and writes the file shortly when it changed.</summary>
    public void Record(PromptDefinition definition)
    {
        lock (_gate)
        {
            if (_disposed || (_prompts.TryGetValue(definition.Name, out var kept) && SameContent(kept, definition)))
            {
                return;
            }

            _prompts[definition.Name] = definition;
            _dirty = true;
            _pendingWrite ??= _time.CreateTimer(static state => ((PromptSnapshotFile)state!).Write(), this, WriteDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes the file now if anything changed since it was last written.</summary>
    /// <remarks>Never throws: it runs on a timer thread; a failed write is logged and tried again at the next change.</remarks>
    public void Write()
    {
        PromptDefinition[] prompts;
        lock (_gate)
        {
            _pendingWrite?.Dispose();
            _pendingWrite = null;
            if (!_dirty)
            {
                return;
            }

            _dirty = false;
            prompts = [.. _prompts.Values.OrderBy(static p => p.Name, StringComparer.Ordinal)];
        }

        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var json = new Utf8JsonWriter(stream))
            {
                WriteDocument(json, prompts);
            }

            // The move replaces the file in one step, so a reader never sees half a snapshot.
            File.Move(temporary, Path, overwrite: true);
            PromptLog.SnapshotWritten(_logger, Path, prompts.Length);
        }
#pragma warning disable CA1031 // runs on a timer thread; the registry keeps serving, and the next change tries again
        catch (Exception error)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _dirty = true;
            }

            PromptLog.SnapshotWriteFailed(_logger, Path, error.Message, error);
            TryDelete(temporary);
        }
    }

    /// <summary>Writes what is pending, so that a service that stops keeps what it served.</summary>
    public void Dispose()
    {
        Write();
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private static void WriteDocument(Utf8JsonWriter json, PromptDefinition[] prompts)
    {
        json.WriteStartObject();
        json.WriteNumber("format", Format);
        json.WriteStartArray("prompts");
        foreach (var prompt in prompts)
        {
            json.WriteStartObject();
            json.WriteString("name", prompt.Name);
            json.WriteStartArray("versions");
            foreach (var version in prompt.Versions.Values)
            {
                json.WriteRawValue(PromptVersionJson.Serialize(version));
            }

            json.WriteEndArray();
            json.WriteStartObject("labels");
            foreach (var (label, targets) in prompt.Labels.OrderBy(static l => l.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(label);
                json.WriteRawValue(PromptVersionJson.SerializeTargets(targets));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static bool SameContent(PromptDefinition kept, PromptDefinition read)
    {
        if (ReferenceEquals(kept, read))
        {
            return true;
        }

        if (kept.Versions.Count != read.Versions.Count || kept.Labels.Count != read.Labels.Count)
        {
            return false;
        }

        foreach (var (number, version) in read.Versions)
        {
            if (!kept.Versions.TryGetValue(number, out var other) || other.ContentHash != version.ContentHash)
            {
                return false;
            }
        }

        foreach (var (label, targets) in read.Labels)
        {
            if (!kept.Labels.TryGetValue(label, out var other) || !PromptChangeRules.SameTargets(other, targets))
            {
                return false;
            }
        }

        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind, it is harmless: it is never read.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
