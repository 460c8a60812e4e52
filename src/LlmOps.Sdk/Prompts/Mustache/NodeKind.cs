namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Specifies what a <see cref="TemplateNode"/> renders.</summary>
internal enum NodeKind : byte
{
    Text,
    Variable,
    Section,
    InvertedSection,
    Partial,
}
