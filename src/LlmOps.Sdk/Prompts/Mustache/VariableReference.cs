namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>A name read by tags, split into its dotted segments, each with its own accessor cache.</summary>
/// <remarks>Tags of one template that read the same name share one instance, and so share its caches.</remarks>
internal sealed class VariableReference
{
    public VariableReference(string path)
    {
        Path = path;
        if (path == ".")
        {
            Segments = [];
        }
        else if (!path.Contains('.', StringComparison.Ordinal))
        {
            Segments = [new NameSegment(path)];
        }
        else
        {
            var parts = path.Split('.');
            Segments = new NameSegment[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                Segments[i] = new NameSegment(parts[i]);
            }
        }
    }

    /// <summary>Gets the name as written in the tag.</summary>
    public string Path { get; }

    /// <summary>Gets the dotted segments; empty for the implicit iterator <c>.</c>.</summary>
    public NameSegment[] Segments { get; }

    /// <summary>Gets whether this is the implicit iterator <c>.</c>, the current context itself.</summary>
    public bool IsImplicit => Segments.Length == 0;
}
