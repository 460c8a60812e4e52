using System.Diagnostics.Metrics;
using LlmOps.Sdk.Capture;
using LlmOps.Sdk.DependencyInjection;
using LlmOps.Sdk.Telemetry.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Feedback;

/// <summary>What one pipeline keeps for feedback and capture: the recent-call index and, when configured, the capture.</summary>
/// <remarks>One per pipeline (the unkeyed one and each key), created by DI on first use and drained when disposed.</remarks>
internal sealed class FeedbackPipeline : IAsyncDisposable, IDisposable
{
    private readonly ICaptureWriter? _writer;

    public FeedbackPipeline(RecentCallIndex? index, DatasetCapture? capture = null, ICaptureWriter? writer = null)
    {
        Index = index;
        Capture = capture;
        _writer = writer;
    }

    /// <summary>Gets the recent calls, or <see langword="null"/> when neither feedback nor capture is configured.</summary>
    public RecentCallIndex? Index { get; }

    /// <summary>Gets the capture, or <see langword="null"/> when calls are not captured.</summary>
    public DatasetCapture? Capture { get; }

    public static FeedbackPipeline Create(IServiceProvider services, object? serviceKey)
    {
        var options = services.GetRequiredService<IOptionsMonitor<FeedbackOptions>>().Get(KeyedPipeline.OptionsName(serviceKey));
        if (!options.Enabled)
        {
            return new FeedbackPipeline(index: null);
        }

        FeedbackOptions.ThrowIfInvalid(options);
        var index = new RecentCallIndex(options.RecentCallCapacity);
        if (options.Capture is not { } captureOptions)
        {
            return new FeedbackPipeline(index);
        }

        // Raw content only when asked for; else the host's redactor, which AddLlmOps registers (the built-in one unless replaced).
        var redactor = captureOptions.KeepRawContent ? null : services.GetService<IRedactor>() ?? PiiRedactor.Instance;
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        ICaptureWriter writer = captureOptions.Dataset is { } dataset
            ? new CaptureStoreWriter(ResolveStore(services, serviceKey, dataset), dataset, redactor)
            : new CaptureFileWriter(captureOptions.Path, redactor);
        var queue = new CaptureQueue(
            captureOptions, writer, new CaptureMetrics(services.GetService<IMeterFactory>()),
            (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<DatasetCapture>(), timeProvider);
        services.GetService<CaptureHost>()?.Add(queue);
        return new FeedbackPipeline(index, new DatasetCapture(index, captureOptions, queue, timeProvider), writer);
    }

    /// <summary>Finds the pipeline's registry database, or says how to configure one.</summary>
    /// <exception cref="InvalidOperationException">The pipeline has no SQLite or PostgreSQL prompt store.</exception>
    private static ICapturedCaseStore ResolveStore(IServiceProvider services, object? serviceKey, string dataset) =>
        KeyedPipeline.GetService<ICapturedCaseStore>(services, serviceKey)
        ?? throw new InvalidOperationException(
            $"CaptureToRegistry(\"{dataset}\") captures into the prompt registry's database, and the " +
            (serviceKey is null ? "pipeline" : $"pipeline of key '{serviceKey}'") +
            " has none. Add one in the same AddLlmOps call with AddPromptsFromSqlite(path) (package LlmOps.Sdk.Sqlite) or " +
            "AddPromptsFromPostgreSql(connectionString) (package LlmOps.Sdk.PostgreSql), or capture into a file with CaptureToDataset(path).");

    public async ValueTask DisposeAsync()
    {
        if (Capture is not null)
        {
            await Capture.Queue.DisposeAsync();
        }

        _writer?.Dispose();
    }

    public void Dispose()
    {
        // The writer runs on the thread pool, never on the caller's context, so blocking here cannot deadlock.
        DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
