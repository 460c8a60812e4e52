using System.ComponentModel.DataAnnotations;

namespace LlmOps.Sdk.Telemetry;

/// <summary>The price of one model, in US dollars per million tokens.</summary>
public sealed class ModelPrice
{
    /// <summary>Gets or sets the price of a million input (prompt) tokens that were not read from the provider's cache.</summary>
    /// <value>From 0 to 100,000. The default is 0.</value>
    [Range(0.0, TelemetryConstants.MaxPricePerMillionTokens)]
    public double InputPerMillionTokens { get; set; }

    /// <summary>Gets or sets the price of a million output (completion) tokens, reasoning tokens included.</summary>
    /// <value>From 0 to 100,000. The default is 0.</value>
    [Range(0.0, TelemetryConstants.MaxPricePerMillionTokens)]
    public double OutputPerMillionTokens { get; set; }

    /// <summary>Gets or sets the price of a million input tokens read from the provider's prompt cache.</summary>
    /// <value>From 0 to 100,000, or <see langword="null"/> (the default) to charge cached tokens at <see cref="InputPerMillionTokens"/>.</value>
    [Range(0.0, TelemetryConstants.MaxPricePerMillionTokens)]
    public double? CachedInputPerMillionTokens { get; set; }
}
