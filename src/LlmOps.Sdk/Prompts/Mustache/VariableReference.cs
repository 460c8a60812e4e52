namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>A name read by a tag, split into its dotted segments, each with its own accessor cache.</summary>
internal sealed class VariableReference
{
    public VariableReference(string path)
    {
        Path = path;
        if (path == ".")
        {
            Segments = [];
            return;
        }

        var parts = path.Split('.');
        Segments = new NameSegment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            Segments[i] = new NameSegment(parts[i]);
        }
    }

    /// <summary>Gets the name as written in the tag.</summary>
    public string Path { get; }

    /// <summary>Gets the dotted segments; empty for the implicit iterator <c>.</c>.</summary>
    public NameSegment[] Segments { get; }

    /// <summary>Gets whether this is the implicit iterator <c>.</c>, the current context itself.</summary>
    public bool IsImplicit => Segments.Length == 0;
}
