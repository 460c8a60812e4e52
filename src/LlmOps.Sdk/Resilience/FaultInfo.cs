namespace LlmOps.Sdk.Resilience;

/// <summary>What the classifier made of one failure.</summary>
/// <param name="IsTransient">Whether another attempt may succeed.</param>
/// <param name="Reason">A short, low-cardinality label for spans, metrics and logs: <c>http_429</c>, <c>timeout</c>, <c>network</c>, …</param>
/// <param name="StatusCode">The HTTP status the provider answered with, or 0 when there was no response.</param>
/// <param name="RetryAfter">The wait the provider asked for, uncapped, when its response said so.</param>
internal readonly record struct FaultInfo(bool IsTransient, string Reason, int StatusCode, TimeSpan? RetryAfter);
