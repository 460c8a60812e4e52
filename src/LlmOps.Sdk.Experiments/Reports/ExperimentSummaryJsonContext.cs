using System.Text.Json.Serialization;

namespace LlmOps.Sdk.Experiments;

/// <summary>Source-generated JSON for summaries: snake_case like results files, indented for diffs, enums by name.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ExperimentSummary))]
internal sealed partial class ExperimentSummaryJsonContext : JsonSerializerContext;
