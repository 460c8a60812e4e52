namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>One element of a parsed template; a section's children are the nodes that follow it, up to <see cref="End"/>.</summary>
internal readonly struct TemplateNode
{
    public NodeKind Kind { get; init; }

    /// <summary>Gets the literal text of a text node, or the name of a partial.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the name read by a variable or a section.</summary>
    public VariableReference? Variable { get; init; }

    /// <summary>Gets whether a variable is HTML-escaped in <see cref="PromptTemplateEscaping.Html"/> mode.</summary>
    public bool Escape { get; init; }

    /// <summary>Gets whether the node starts a line of the template, where a standalone partial's indentation goes.</summary>
    public bool AtLineStart { get; init; }

    /// <summary>Gets whether a section's closing tag starts a line that is not standalone (indented on each iteration).</summary>
    public bool CloseAtLineStart { get; init; }

    /// <summary>Gets whether a text node holds a line break.</summary>
    public bool HasNewline { get; init; }

    /// <summary>Gets the index after a section's last child.</summary>
    public int End { get; init; }

    /// <summary>Gets the indentation of a standalone partial tag, or <see langword="null"/> for a partial used inline.</summary>
    public string? Indent { get; init; }

    /// <summary>Gets where the node's tag starts in the template text, for error messages.</summary>
    public int Offset { get; init; }

    /// <summary>Gets the length of the node's tag in the template text, for error messages.</summary>
    public int TagLength { get; init; }
}
