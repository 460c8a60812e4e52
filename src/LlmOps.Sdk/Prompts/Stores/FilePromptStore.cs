using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace LlmOps.Sdk.Prompts;

/// <summary>A prompt store over a directory of files: one folder per prompt, one file per version, and a labels file.</summary>
/// <remarks>
/// <para>
/// Layout: <c>prompts/support-reply/v1.prompty</c>, <c>prompts/support-reply/v2.yaml</c>,
/// <c>prompts/support-reply/labels.yaml</c>. Versions are the SDK's YAML format or <c>.prompty</c> files.
/// </para>
/// <para>
/// The directory is read when the store is created, and any problem throws a <see cref="PromptException"/> naming
/// every file, line and column at fault. When <c>watch</c> is on, a burst of file events (a save, a <c>git checkout</c>)
/// is read once it settles, into a new snapshot swapped in whole; a read that finds files vanishing under it is tried
/// again rather than served. Each prompt reloads on its own: a prompt whose files do not load, or whose published
/// version was edited in place, keeps its last good versions (logged, and counted in <see cref="ReloadFailures"/>)
/// while the other prompts pick up their changes.
/// </para>
/// </remarks>
public sealed class FilePromptStore : IPromptStore, IDisposable
{
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times a read that raced with files being replaced is tried again before it gives up.</summary>
    private const int MaxSettleAttempts = 10;

    private readonly ChangeSignal _changes = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PhysicalFileProvider? _files;
    private readonly IDisposable? _subscription;
    private readonly Lock _reloadGate = new();
    private readonly Lock _reloadRun = new();
    private ITimer? _pendingReload;
    private readonly Dictionary<(string Name, int Version), string> _published = [];
    private Dictionary<string, PromptDefinition> _prompts;
    private int _reloadFailures;
    private int _settleAttempts;
    private long _changeCount;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="FilePromptStore"/> class and reads the directory.</summary>
    /// <param name="directory">The prompts directory.</param>
    /// <param name="watch">Whether to read the directory again when its files change.</param>
    /// <param name="logger">Where reloads and their failures are logged.</param>
    /// <param name="timeProvider">The clock that delays a reload until a burst of file events settles.</param>
    /// <exception cref="PromptException">The directory is missing or holds a file that does not load; the message names each file, line and column.</exception>
    public FilePromptStore(string directory, bool watch = true, ILogger<FilePromptStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        _logger = logger ?? NullLogger<FilePromptStore>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _prompts = PromptDirectoryLoader.Load(Directory);
        foreach (var definition in _prompts.Values)
        {
            Publish(definition);
        }
        if (watch)
        {
            _files = new PhysicalFileProvider(Directory);
            _subscription = ChangeToken.OnChange(WatchFiles, ScheduleReload);
        }
    }

    /// <summary>Gets the full path of the prompts directory.</summary>
    public string Directory { get; }

    /// <summary>Gets how many prompt reloads were refused since the store was created; each kept that prompt's last good versions serving.</summary>
    /// <value>One per prompt per reload whose files did not load or edited a published version, plus one per reload that failed as a whole.</value>
    public int ReloadFailures => Volatile.Read(ref _reloadFailures);

    /// <inheritdoc/>
    public ValueTask<PromptDefinition?> GetPromptAsync(string name, CancellationToken cancellationToken = default) =>
        new(Volatile.Read(ref _prompts).GetValueOrDefault(name));

    /// <inheritdoc/>
    public IChangeToken? Watch() => _changes.Watch();

    /// <summary>Stops watching the directory.</summary>
    public void Dispose()
    {
        _subscription?.Dispose();
        _files?.Dispose();
        lock (_reloadGate)
        {
            _disposed = true;
            _pendingReload?.Dispose();
        }
    }

    /// <summary>Reads the directory again now; used by the reload timer, and by tests that do not wait for it.</summary>
    /// <remarks>Never throws: it runs on a timer thread, where an exception would end the process.</remarks>
    internal void Reload()
    {
        try
        {
            // One reload at a time: a slow read of a large folder must not race the next timer's read.
            lock (_reloadRun)
            {
                ReloadCore();
            }
        }
#pragma warning disable CA1031 // a background reload must never end the process; the last good prompts keep serving
        catch (Exception error)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _reloadFailures);
            PromptLog.ReloadFailed(_logger, Directory, error.Message, error);
        }
    }

    /// <summary>Starts (or restarts) the debounce timer, as the watcher does on every file event.</summary>
    internal void ScheduleReload()
    {
        Interlocked.Increment(ref _changeCount);
        try
        {
            StartReloadTimer();
        }
#pragma warning disable CA1031 // runs on the file watcher's thread, where an exception would end the process
        catch (Exception error)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _reloadFailures);
            PromptLog.ReloadFailed(_logger, Directory, error.Message, error);
        }
    }

    private void ReloadCore()
    {
        var changesBefore = Interlocked.Read(ref _changeCount);
        PromptDirectoryScan? scan = System.IO.Directory.Exists(Directory) ? PromptDirectoryLoader.Scan(Directory) : null;
        if (Interlocked.Read(ref _changeCount) != changesBefore)
        {
            return; // files changed during the read: the timer that change started reads again once they settle
        }

        if (scan is null || scan.FilesVanished)
        {
            // Mid-checkout (git deletes, then creates): serving this read would mix old and new files.
            if (_settleAttempts < MaxSettleAttempts)
            {
                _settleAttempts++;
                PromptLog.ReloadDeferred(_logger, Directory, ReloadDelay.TotalMilliseconds, _settleAttempts, MaxSettleAttempts);
                StartReloadTimer();
                return;
            }

            if (scan is null)
            {
                _settleAttempts = 0;
                throw new PromptException($"The prompts directory '{Directory}' no longer exists. Restore it; the last good prompts keep serving.")
                {
                    FilePath = Directory,
                };
            }
        }

        _settleAttempts = 0;
        Apply(scan);
    }

    /// <summary>Swaps in a new snapshot: each prompt's new definition, or its last good one when the new one is refused.</summary>
    private void Apply(PromptDirectoryScan scan)
    {
        var served = Volatile.Read(ref _prompts);
        Dictionary<string, PromptDefinition> next = new(StringComparer.Ordinal);
        foreach (var (name, folder) in scan.Prompts)
        {
            served.TryGetValue(name, out var lastGood);
            var problem = folder.Errors.Count > 0
                ? string.Join(" ", folder.Errors.Select(static e => e.Message))
                : folder.Definition is { } definition ? EditedPublishedVersion(definition) : null;
            if (problem is null)
            {
                if (folder.Definition is not null)
                {
                    next[name] = folder.Definition;
                    Publish(folder.Definition);
                }

                continue; // a folder left with no version files is a removed prompt
            }

            Interlocked.Increment(ref _reloadFailures);
            PromptLog.PromptReloadRefused(_logger, name, Directory, problem);
            if (lastGood is not null)
            {
                next[name] = lastGood;
            }
        }

        Volatile.Write(ref _prompts, next);
        PromptLog.Reloaded(_logger, Directory, next.Count);
        _changes.Fire();
    }

    /// <summary>Describes a version published earlier (served since the store started) whose content is now other.</summary>
    /// <remarks>Remembered even after its file is removed, so a version deleted and written again differently is caught too.</remarks>
    private string? EditedPublishedVersion(PromptDefinition next)
    {
        foreach (var (number, edited) in next.Versions)
        {
            if (_published.TryGetValue((next.Name, number), out var publishedHash) && edited.ContentHash != publishedHash)
            {
                var nextNumber = Math.Max(HighestPublished(next.Name), next.LatestVersion) + 1;
                return $"{edited.Source}: version {number} of prompt '{next.Name}' was edited after it was published " +
                       $"(content hash {publishedHash[..12]}, now {edited.ContentHash[..12]}), so the published content keeps serving. " +
                       $"Published versions are immutable: restore the file and add the change as v{nextNumber}.yaml.";
            }
        }

        return null;
    }

    private int HighestPublished(string name)
    {
        var highest = 0;
        foreach (var (key, _) in _published)
        {
            highest = key.Name == name ? Math.Max(highest, key.Version) : highest;
        }

        return highest;
    }

    /// <summary>Remembers each version's content hash; only reloads touch this, one at a time.</summary>
    private void Publish(PromptDefinition definition)
    {
        foreach (var (number, version) in definition.Versions)
        {
            _published[(definition.Name, number)] = version.ContentHash;
        }
    }

    private IChangeToken WatchFiles()
    {
        try
        {
            return _files!.Watch("**/*"); // set before the subscription that calls this
        }
#pragma warning disable CA1031 // runs on the watcher's thread, where an exception would end the process
        catch (Exception error)
#pragma warning restore CA1031
        {
            PromptLog.WatchFailed(_logger, Directory, error);
            return NullChangeToken.Singleton;
        }
    }

    private void StartReloadTimer()
    {
        // One save raises several file events; reading once they settle avoids reading a half-written file.
        lock (_reloadGate)
        {
            if (_disposed)
            {
                return;
            }

            _pendingReload?.Dispose();
            _pendingReload = _time.CreateTimer(static state => ((FilePromptStore)state!).Reload(), this, ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }
}
