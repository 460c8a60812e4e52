namespace LlmOps.Sdk.Telemetry;

/// <summary>The defaults of the telemetry stage, in one place.</summary>
internal static class TelemetryConstants
{
    public const double MaxPricePerMillionTokens = 100_000;
    public const int MinCapturedTextLength = 64;
    public const int MaxCapturedTextLength = 1_048_576;
    public const int DefaultCapturedTextLength = 16_384;

    /// <summary>
    /// The <see cref="ChatOptions.AdditionalProperties"/> key of attributes a caller inside the SDK (the experiment
    /// runner) asks the call's span to carry: a <c>KeyValuePair&lt;string, object?&gt;[]</c>.
    /// </summary>
    public const string SpanTagsKey = "llmops.span.tags";

    /// <summary>The day the default prices were copied from the providers' public price lists.</summary>
    public const string DefaultPricesAsOf = "2025-10-01";

    /// <summary>
    /// List prices in USD per million tokens (input, output, cached input), as of <see cref="DefaultPricesAsOf"/>.
    /// Providers change them: users override or extend them through <see cref="TelemetryOptions.Prices"/>.
    /// </summary>
    public static readonly (string Model, double Input, double Output, double CachedInput)[] DefaultPrices =
    [
        ("gpt-4o", 2.50, 10.00, 1.25),
        ("gpt-4o-mini", 0.15, 0.60, 0.075),
        ("gpt-4.1", 2.00, 8.00, 0.50),
        ("gpt-4.1-mini", 0.40, 1.60, 0.10),
        ("gpt-4.1-nano", 0.10, 0.40, 0.025),
        ("gpt-5", 1.25, 10.00, 0.125),
        ("gpt-5-mini", 0.25, 2.00, 0.025),
        ("gpt-5-nano", 0.05, 0.40, 0.005),
        ("o3", 2.00, 8.00, 0.50),
        ("o4-mini", 1.10, 4.40, 0.275),
        ("claude-sonnet-4-5", 3.00, 15.00, 0.30),
        ("claude-sonnet-4", 3.00, 15.00, 0.30),
        ("claude-opus-4-1", 15.00, 75.00, 1.50),
        ("claude-haiku-4-5", 1.00, 5.00, 0.10),
        ("claude-3-5-haiku", 0.80, 4.00, 0.08),
    ];
}
