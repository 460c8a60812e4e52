using System.ComponentModel.DataAnnotations;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Settings for the telemetry stage: whether it runs, content capture and the price table for cost.</summary>
/// <remarks>
/// Bind it from <c>"LlmOps:Telemetry"</c>, for example <c>"LlmOps:Telemetry:Prices:my-model:InputPerMillionTokens": 0.5</c>.
/// Captured message content is user data: it is off by default and always passes the redactor first.
/// </remarks>
public sealed class TelemetryOptions
{
    /// <summary>Gets or sets whether the telemetry stage is part of the pipeline that <c>UseLlmOps()</c> builds.</summary>
    /// <value>The default is <see langword="true"/>. With no listener attached the stage costs a few nanoseconds and allocates nothing.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets whether message content, which is sensitive data, is recorded on the span, redacted.</summary>
    /// <value>
    /// <see langword="null"/> (the default) follows the <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>
    /// environment variable, which turns capture on when it is <c>true</c>; <see langword="true"/> or
    /// <see langword="false"/> overrides it.
    /// </value>
    /// <remarks>
    /// When on, <c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c> and <c>gen_ai.system_instructions</c> are
    /// recorded in the semantic conventions' JSON shape after every text passed the <see cref="Redaction.IRedactor"/>.
    /// Binary content is never recorded, and <see cref="ChatOptions.AdditionalProperties"/> never are. The name is the one
    /// Microsoft.Extensions.AI's <c>OpenTelemetryChatClient.EnableSensitiveData</c> uses for the same switch.
    /// </remarks>
    public bool? EnableSensitiveData { get; set; }

    /// <summary>Gets or sets how many characters of one captured text (a message part, a tool argument) are kept, after redaction.</summary>
    /// <value>From 64 to 1,048,576. The default is 16,384. Longer text is cut and ends with <c>…[truncated]</c>.</value>
    /// <remarks>Backends drop or cut oversized span attributes on their own, often silently; this keeps the JSON valid.</remarks>
    [Range(TelemetryConstants.MinCapturedTextLength, TelemetryConstants.MaxCapturedTextLength)]
    public int MaxCapturedTextLength { get; set; } = TelemetryConstants.DefaultCapturedTextLength;

    /// <summary>Gets or sets whether the built-in, dated price table is used for models that <see cref="Prices"/> does not list.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseDefaultPrices { get; set; } = true;

    /// <summary>Gets the prices used to compute each call's cost, by model id (case-insensitive).</summary>
    /// <value>Empty by default. An entry here wins over the built-in price of the same model.</value>
    /// <remarks>
    /// A model matches its own entry, or the entry of the model it is a dated snapshot of
    /// (<c>gpt-4o-2024-08-06</c> uses <c>gpt-4o</c>). A call whose model has no price records no cost: never a guess.
    /// </remarks>
    public IDictionary<string, ModelPrice> Prices { get; } = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
}
