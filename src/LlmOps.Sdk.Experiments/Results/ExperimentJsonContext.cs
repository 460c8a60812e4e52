using System.Text.Json.Serialization;

namespace LlmOps.Sdk.Experiments;

/// <summary>Source-generated JSON for results files: no reflection, so it works trimmed and under native AOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(ExperimentCaseResult))]
internal sealed partial class ExperimentJsonContext : JsonSerializerContext;
