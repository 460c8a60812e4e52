using LlmOps.Sdk;
using LlmOps.Sdk.Telemetry;

namespace LlmOps.Cli.Experiments;

/// <summary>Finds which dataset item a call of the experiment runner is about, so a scripted candidate can answer it.</summary>
/// <remarks>The runner names the item among the span attributes it hands to the pipeline with each call.</remarks>
internal static class ExperimentItem
{
    public static string IdOf(ChatOptions? options)
    {
        if (options?.AdditionalProperties is { } properties
            && properties.TryGetValue(TelemetryConstants.SpanTagsKey, out var value)
            && value is KeyValuePair<string, object?>[] tags)
        {
            foreach (var (name, tag) in tags)
            {
                if (name == LlmOpsTelemetry.Attributes.DatasetItemId && tag is string id)
                {
                    return id;
                }
            }
        }

        throw new InvalidOperationException("A scripted candidate was called outside an experiment run: the call names no dataset item.");
    }
}
