using System.Text.Json.Serialization;

namespace LlmOps.Sdk.Rollouts;

/// <summary>Source-generated JSON of the rollout state kept in the registry's history: snake_case, no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RolloutRecord))]
internal sealed partial class RolloutJsonContext : JsonSerializerContext;
