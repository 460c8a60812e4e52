using System.Diagnostics.Metrics;

namespace LlmOps.Sdk.Caching;

/// <summary>The instruments of a response cache stage built without DI, on a meter of the SDK's name.</summary>
internal static class ResponseCacheTelemetry
{
    private static readonly Meter OwnMeter = new(LlmOpsTelemetry.SourceName);

    /// <summary>Gets the instruments shared by stages built by hand; with DI, each container has its own.</summary>
    public static ResponseCacheMetrics Shared { get; } = new(OwnMeter);
}
