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
/// every file, line and column at fault. When <c>watch</c> is on, edits are read again within moments of being saved;
/// a reload that fails is logged and counted in <see cref="ReloadFailures"/>, and the last good content keeps serving.
/// </para>
/// </remarks>
public sealed class FilePromptStore : IPromptStore, IDisposable
{
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(100);

    private readonly ChangeSignal _changes = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PhysicalFileProvider? _files;
    private readonly IDisposable? _subscription;
    private readonly Lock _reloadGate = new();
    private ITimer? _pendingReload;
    private Dictionary<string, PromptDefinition> _prompts;
    private int _reloadFailures;

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
        if (watch)
        {
            _files = new PhysicalFileProvider(Directory);
            _subscription = ChangeToken.OnChange(() => _files.Watch("**/*"), ScheduleReload);
        }
    }

    /// <summary>Gets the full path of the prompts directory.</summary>
    public string Directory { get; }

    /// <summary>Gets how many reloads failed since the store was created; each kept the last good content serving.</summary>
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
            _pendingReload?.Dispose();
        }
    }

    /// <summary>Reads the directory again now; used by the watcher, and by tests that do not wait for it.</summary>
    internal void Reload()
    {
        try
        {
            var prompts = PromptDirectoryLoader.Load(Directory);
            Volatile.Write(ref _prompts, prompts);
            PromptLog.Reloaded(_logger, Directory, prompts.Count);
            _changes.Fire();
        }
        catch (PromptException error)
        {
            Interlocked.Increment(ref _reloadFailures);
            PromptLog.ReloadFailed(_logger, Directory, error.Message);
        }
    }

    private void ScheduleReload()
    {
        // One save raises several file events; reading once they settle avoids reading a half-written file.
        lock (_reloadGate)
        {
            _pendingReload?.Dispose();
            _pendingReload = _time.CreateTimer(static state => ((FilePromptStore)state!).Reload(), this, ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }
}
