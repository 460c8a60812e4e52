using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/> against its DataAnnotations, without reflection.</summary>
[OptionsValidator]
internal sealed partial class TelemetryOptionsDataValidator : IValidateOptions<TelemetryOptions>;
