using System.Diagnostics.Metrics;
using LlmOps.Sdk.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Sdk.Evaluation;

/// <summary>Builds an <see cref="EvaluationPipeline"/> from options and services, once, when the stage is built.</summary>
internal static class EvaluationPipelineFactory
{
    /// <summary>Returns <see langword="false"/> when the options leave the stage nothing to do.</summary>
    public static bool HasEvaluators(EvaluationOptions options) => options.Evaluators.Count > 0;

    public static EvaluationPipeline Create(
        EvaluationOptions options, IServiceProvider services, ILoggerFactory loggerFactory, TimeProvider timeProvider,
        Func<double>? random = null, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        EvaluationOptionsValidator.ThrowIfInvalid(options);

        var hooks = new List<EvaluationHook>(options.Evaluators.Count);
        var hasBackground = false;
        foreach (var registration in options.Evaluators)
        {
            var hook = new EvaluationHook(registration.CreateEvaluator(services), registration.Options);
            hasBackground |= hook.Mode == EvaluationMode.Background;
            hooks.Add(hook);
        }

        List<IEvaluationSink> sinks = [.. options.Sinks];
        // GetService, not GetServices: a provider that is not a DI container (the builder's empty one) has no enumerables.
        // A keyed pipeline takes only the sinks registered with its key.
        foreach (var sink in KeyedPipeline.GetService<IEnumerable<IEvaluationSink>>(services, serviceKey) ?? [])
        {
            if (!sinks.Contains(sink))
            {
                sinks.Add(sink);
            }
        }

        var logger = loggerFactory.CreateLogger<EvaluationChatClient>();
        var meterFactory = services.GetService<IMeterFactory>();
        EvaluationQueue? queue = null;
        var ownsQueue = false;
        if (hasBackground)
        {
            // One queue per pipeline when DI has one, drained on host shutdown; else one owned, and drained, by this stage.
            queue = services.GetService<EvaluationQueueHost>()?.GetQueue(KeyedPipeline.OptionsName(serviceKey));
            if (queue is null)
            {
                queue = new EvaluationQueue(options, timeProvider, logger, new EvaluationMetrics(meterFactory), ownsMetrics: true);
                ownsQueue = true;
            }
        }

        return new EvaluationPipeline(
            hooks, sinks, new EvaluationMetrics(meterFactory), logger, timeProvider, random, queue, ownsQueue,
            KeyedPipeline.GetService<CostEstimator>(services, serviceKey));
    }
}
