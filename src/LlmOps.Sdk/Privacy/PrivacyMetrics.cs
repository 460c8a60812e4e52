using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Privacy;

/// <summary>The privacy stage's instrument: personal values found, by kind and mode; never the values.</summary>
/// <remarks>The <see cref="Meter"/> comes from <see cref="IMeterFactory"/> when DI has one, so its lifetime follows the container.</remarks>
internal sealed class PrivacyMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public PrivacyMetrics(IMeterFactory? meterFactory)
    {
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(LlmOpsTelemetry.SourceName);
        }
        else
        {
            _meter = new Meter(LlmOpsTelemetry.SourceName);
            _ownsMeter = true;
        }

        Detections = _meter.CreateCounter<long>(
            LlmOpsTelemetry.Metrics.PrivacyDetections, unit: "{value}",
            description: "Personal values found in calls before the provider, by kind and by what was done with them.");
    }

    public Counter<long> Detections { get; }

    public void Record(IReadOnlyList<PrivacyCount> counts)
    {
        if (!Detections.Enabled)
        {
            return;
        }

        foreach (var count in counts)
        {
            Detections.Add(
                count.Count,
                new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.PrivacyKind, count.Kind),
                new KeyValuePair<string, object?>(LlmOpsTelemetry.Attributes.PrivacyMode, ModeName(count.Mode)));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>Returns the mode's name as recorded: <c>pseudonymize</c>, <c>redact</c> or <c>block</c>.</summary>
    internal static string ModeName(PrivacyMode mode) => mode switch
    {
        PrivacyMode.Redact => "redact",
        PrivacyMode.Block => "block",
        _ => "pseudonymize",
    };
}
