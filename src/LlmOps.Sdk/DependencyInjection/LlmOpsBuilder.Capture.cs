using LlmOps.Sdk.Capture;
using LlmOps.Sdk.Evaluation;
using LlmOps.Sdk.Feedback;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlmOps.Sdk;

public sealed partial class LlmOpsBuilder
{
    /// <summary>Captures production calls into the database of the prompt registry, under a dataset name: sampled, and every call that fails a score or gets negative feedback.</summary>
    /// <remarks>
    /// <para>
    /// Works as <see cref="CaptureToDataset"/> does, with the same items, rules, redaction and bounded queue, but writes
    /// into the database of the registry added with <c>AddPromptsFromSqlite</c> (LlmOps.Sdk.Sqlite) or
    /// <c>AddPromptsFromPostgreSql</c> (LlmOps.Sdk.PostgreSql) in this pipeline, so a fleet captures into one place.
    /// The queue writes what it holds, up to 256 calls, in one transaction. A database that cannot be written never fails
    /// a call: the calls are dropped, counted in <c>llmops.capture.dropped</c> (reason <c>write_failed</c>) and logged.
    /// </para>
    /// <para>
    /// <c>llmops dataset export --store … --dataset NAME out.jsonl</c> writes the cases back as the JSON Lines file
    /// <see cref="CaptureToDataset"/> would have written. Without a registry database, the host's start (or, without a
    /// host, the first resolution of the chat client) fails with a message that says how to add one.
    /// </para>
    /// </remarks>
    /// <param name="dataset">The dataset the calls are filed under: 1 to 200 letters, digits, '.', '_', '-' or '/'.</param>
    /// <param name="configure">Sets the sampling rate, the rules, raw content and the queue; <see cref="CaptureOptions.Path"/> stays unset.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="dataset"/> is not a valid name, or a value set by <paramref name="configure"/> is out of range; the message names it.</exception>
    public LlmOpsBuilder CaptureToRegistry(string dataset, Action<CaptureOptions>? configure = null)
    {
        if (CaptureDatasetName.Problem(dataset) is { } problem)
        {
            throw new ArgumentException($"CaptureToRegistry: {problem}", nameof(dataset));
        }

        var capture = new CaptureOptions { Dataset = dataset };
        configure?.Invoke(capture);
        CaptureOptions.ThrowIfInvalid(capture);
        AddCapture(capture);

        // Built when the host starts, so that a pipeline without a registry database stops the start, not the first call.
        var key = ServiceKey;
        Services.AddSingleton<IHostedService>(services => new CapturePipelineStarter(services, key));
        return this;
    }

    private void AddCapture(CaptureOptions capture)
    {
        Services.Configure<FeedbackOptions>(OptionsName, options =>
        {
            options.Enabled = true;
            options.Capture = capture;
        });

        // A hosted service only when something is captured: it drains the capture queues when the host stops.
        Services.TryAddSingleton<CaptureHost>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CaptureHost>(
            static services => services.GetRequiredService<CaptureHost>()));

        // Capture reads every evaluation result, to capture the calls an evaluator fails.
        if (ServiceKey is null)
        {
            Services.AddSingleton<IEvaluationSink>(static services => services.GetRequiredService<FeedbackPipeline>().Capture!.Sink); // Capture is set: AddCapture configured it
        }
        else
        {
            Services.AddKeyedSingleton<IEvaluationSink>(
                ServiceKey, static (services, key) => services.GetRequiredKeyedService<FeedbackPipeline>(key).Capture!.Sink); // as above
        }
    }
}
