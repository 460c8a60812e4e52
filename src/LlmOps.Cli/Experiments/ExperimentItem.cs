namespace LlmOps.Cli.Experiments;

/// <summary>Finds which dataset item a call of the experiment runner is about, so a scripted candidate can answer it.</summary>
internal static class ExperimentItem
{
    // The runner hands its span attributes to the pipeline under this options key; the item's attribute name is part of
    // the published telemetry names (LlmOpsTelemetry), which a test pins, so neither changes silently.
    private const string SpanTagsKey = "llmops.span.tags";
    private const string ItemIdAttribute = "llmops.dataset.item.id";

    public static string IdOf(ChatOptions? options)
    {
        if (options?.AdditionalProperties is { } properties
            && properties.TryGetValue(SpanTagsKey, out var value)
            && value is KeyValuePair<string, object?>[] tags)
        {
            foreach (var (name, tag) in tags)
            {
                if (name == ItemIdAttribute && tag is string id)
                {
                    return id;
                }
            }
        }

        throw new InvalidOperationException("A scripted candidate was called outside an experiment run: the call names no dataset item.");
    }
}
