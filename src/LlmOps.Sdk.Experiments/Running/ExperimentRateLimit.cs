namespace LlmOps.Sdk.Experiments;

/// <summary>How fast an experiment may call one chat client: requests and tokens per minute, as providers meter them.</summary>
/// <remarks>
/// Each limit is a token bucket that starts full and refills evenly over the minute. A call waits for a request permit
/// before it starts; the tokens a call used are taken from the token bucket when it ends, and the next call waits while
/// the bucket is empty, so a run stays under the provider's tokens-per-minute quota instead of bouncing off its 429s.
/// </remarks>
/// <param name="RequestsPerMinute">The most requests per minute, from 1; <see langword="null"/> for no limit.</param>
/// <param name="TokensPerMinute">The most input plus output tokens per minute, from 1; <see langword="null"/> for no limit.</param>
public sealed record ExperimentRateLimit(int? RequestsPerMinute = null, int? TokensPerMinute = null);
