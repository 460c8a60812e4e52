namespace LlmOps.Sdk.Prompts;

/// <summary>Specifies how interpolated values are escaped when a <see cref="PromptTemplate"/> is rendered.</summary>
public enum PromptTemplateEscaping
{
    /// <summary>Writes values exactly as they are. The default: prompts are not HTML, and an escaped quote confuses a model.</summary>
    None = 0,

    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c> and <c>'</c> in <c>{{name}}</c> tags, as the Mustache specification requires; <c>{{{name}}}</c> and <c>{{&amp;name}}</c> stay raw.</summary>
    Html = 1,
}
