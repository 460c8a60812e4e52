using Microsoft.Extensions.Options;

namespace LlmOps.Sdk.Telemetry;

/// <summary>Checks one <see cref="ModelPrice"/> against its DataAnnotations, without reflection.</summary>
[OptionsValidator]
internal sealed partial class ModelPriceValidator : IValidateOptions<ModelPrice>;
