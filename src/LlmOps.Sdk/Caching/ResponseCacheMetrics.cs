using System.Diagnostics;
using System.Diagnostics.Metrics;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Sdk.Caching;

/// <summary>The response cache's instruments, on the SDK's meter, and its span attributes.</summary>
/// <remarks>
/// The stage sits below the telemetry stage, so it writes to the call's span (<see cref="LlmOpsActivity.Current"/>)
/// rather than starting its own: a hit is still one traced call, marked <c>llmops.cache.hit</c>. Nothing is computed
/// when no listener is attached.
/// </remarks>
internal sealed class ResponseCacheMetrics
{
    private static readonly object True = true;
    private static readonly object False = false;

    public ResponseCacheMetrics(Meter meter)
    {
        Requests = meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.CacheRequests, LlmOpsTelemetry.Metrics.RequestsUnit,
            "Counts calls the response cache looked up, by result: hit or miss");
        SavedCost = meter.CreateCounter<double>(
            LlmOpsTelemetry.Metrics.CacheSavedCost, LlmOpsTelemetry.Metrics.CostUnit,
            "Estimated cost in US dollars of the provider calls the response cache answered instead, from the configured price table");
        Skipped = meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.CacheSkipped, "{response}",
            "Counts answers the response cache did not store although the call asked for it, by reason: too_large or store_failed");
    }

    /// <summary>Gets <c>llmops.cache.requests</c>, with <c>llmops.cache.result</c> hit or miss.</summary>
    public Counter<long> Requests { get; }

    /// <summary>Gets <c>llmops.cache.saved_cost</c>, in US dollars.</summary>
    public Counter<double> SavedCost { get; }

    /// <summary>Gets <c>llmops.cache.skipped</c>, with <c>llmops.cache.skip_reason</c> too_large or store_failed.</summary>
    public Counter<long> Skipped { get; }

    /// <summary>Records an answer that was not stored, and why.</summary>
    public void RecordSkipped(string reason)
    {
        if (Skipped.Enabled)
        {
            Skipped.Add(1, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.CacheSkipReason, reason));
        }
    }

    /// <summary>Records a call that the cache answered, with what it would have cost.</summary>
    public void RecordHit(Activity? activity, ModelPriceTable? prices, ChatResponse response, ChatOptions? options, string? defaultModel)
    {
        if (Requests.Enabled)
        {
            Requests.Add(1, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.CacheResult, LlmOpsTelemetry.Values.CacheHit));
        }

        activity?.SetTag(LlmOpsTelemetry.Attributes.CacheHit, True);
        if ((activity is not null || SavedCost.Enabled) && prices is { IsEmpty: false }
            && prices.TryGetCostUsd(response.ModelId ?? options?.ModelId ?? defaultModel, response.Usage, out var saved))
        {
            activity?.SetTag(LlmOpsTelemetry.Attributes.CacheSavedCost, saved);
            if (SavedCost.Enabled)
            {
                SavedCost.Add(saved);
            }
        }
    }

    /// <summary>Records a call that the cache could not answer, so the provider did.</summary>
    public void RecordMiss(Activity? activity)
    {
        if (Requests.Enabled)
        {
            Requests.Add(1, new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.CacheResult, LlmOpsTelemetry.Values.CacheMiss));
        }

        activity?.SetTag(LlmOpsTelemetry.Attributes.CacheHit, False);
    }
}
