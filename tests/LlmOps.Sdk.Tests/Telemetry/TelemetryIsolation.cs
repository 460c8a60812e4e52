namespace LlmOps.Sdk.Tests.Telemetry;

/// <summary>Runs its tests alone, after the parallel ones: they check what happens with no listener and set environment variables.</summary>
[CollectionDefinition(nameof(TelemetryIsolation), DisableParallelization = true)]
public sealed class TelemetryIsolation;
