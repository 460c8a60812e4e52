using System.Diagnostics.CodeAnalysis;
using LlmOps.Sdk.Prompts.Mustache;

namespace LlmOps.Sdk.Prompts;

/// <summary>A parsed Mustache template: parse it once, then render it many times.</summary>
/// <remarks>
/// <para>
/// The language is the Mustache specification's core: <c>{{name}}</c> and dotted names (<c>{{customer.name}}</c>),
/// the current item <c>{{.}}</c>, raw <c>{{{name}}}</c> and <c>{{&amp;name}}</c>, sections <c>{{#items}}…{{/items}}</c>,
/// inverted sections <c>{{^items}}…{{/items}}</c>, comments <c>{{! … }}</c>, set delimiters <c>{{=&lt;% %&gt;=}}</c> and
/// partials <c>{{&gt; name}}</c>. See https://github.com/mustache/spec.
/// </para>
/// <para>
/// A section repeats for each item of a list and renders once for any other value, with that value as the context;
/// <see langword="null"/>, <see langword="false"/>, the empty string and empty lists skip it (and render an inverted
/// section). Names resolve against the innermost context first, then outwards.
/// </para>
/// <para>
/// Immutable and thread-safe: one instance can render on any number of threads at once. A value is only ever written to
/// the output, never read as template syntax, so a variable holding <c>{{</c> or <c>{{&gt; x}}</c> comes out literally.
/// </para>
/// </remarks>
public sealed class PromptTemplate
{
    private PromptTemplate(string text, string? name, TemplateParseResult parsed)
    {
        Text = text;
        Name = name;
        Nodes = parsed.Nodes;
        Variables = parsed.Variables.AsReadOnly();
        PartialNames = parsed.PartialNames.AsReadOnly();
        LengthHint = text.Length;
    }

    /// <summary>The deepest that sections may nest in one template; rendering recurses once per level.</summary>
    public const int MaxSectionDepth = 100;

    /// <summary>Gets the template's name, used in error messages, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>Gets the template text as it was parsed.</summary>
    public string Text { get; }

    /// <summary>Gets the names the template reads, each once per place kind (inside a section or not), in order of first use.</summary>
    /// <remarks>Names read by partials are not included: partials are resolved when rendering.</remarks>
    public IReadOnlyList<PromptTemplateVariable> Variables { get; }

    /// <summary>Gets the names of the partials the template includes, each once, so that they can be fetched before rendering.</summary>
    public IReadOnlyList<string> PartialNames { get; }

    internal TemplateNode[] Nodes { get; }

    /// <summary>Gets or sets the length of the last output, so the next render rents a buffer of the right size at once.</summary>
    /// <remarks>Racy by design: a stale value only costs one buffer growth.</remarks>
    internal int LengthHint { get; set; }

    /// <summary>Parses template text.</summary>
    /// <param name="text">The Mustache template.</param>
    /// <param name="options">Parse settings, such as the name used in error messages; <see langword="null"/> for the defaults.</param>
    /// <returns>The parsed template.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="PromptTemplateException">
    /// The text is not a valid template: an unclosed tag, an unclosed or mismatched section, a closing tag without a section,
    /// an invalid name, an invalid set-delimiter tag, or sections nested deeper than <see cref="MaxSectionDepth"/>. The
    /// message gives the line, the column and the fix.
    /// </exception>
    public static PromptTemplate Parse(string text, PromptTemplateParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = options?.Name;
        return new PromptTemplate(text, name, TemplateParser.Parse(text, name));
    }

    /// <summary>Renders the template with the given variables.</summary>
    /// <param name="variables">
    /// The variables: an anonymous object or any object (public properties and fields), an
    /// <see cref="IDictionary{TKey, TValue}"/> or <see cref="IReadOnlyDictionary{TKey, TValue}"/> of <see cref="string"/> to
    /// <see cref="object"/>, a <see cref="System.Text.Json.JsonElement"/> or a <see cref="System.Text.Json.Nodes.JsonNode"/>,
    /// nested freely. Numbers and dates are written in the invariant culture (dates in ISO 8601).
    /// </param>
    /// <param name="options">Render settings; <see langword="null"/> for <see cref="PromptTemplateRenderOptions.Default"/>.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="PromptTemplateException">
    /// In strict mode, a name resolves to nothing or a partial is not found; in any mode, partials nest deeper than
    /// <see cref="PromptTemplateRenderOptions.MaxPartialDepth"/>.
    /// </exception>
    public string Render(object? variables, PromptTemplateRenderOptions? options = null) =>
        TemplateRenderer.Render(this, variables, options ?? PromptTemplateRenderOptions.Default);

    /// <summary>Renders the template with variables whose type is known at compile time, such as an anonymous object or a record.</summary>
    /// <remarks>
    /// Renders like <see cref="Render(object, PromptTemplateRenderOptions)"/>. Naming the type lets trimming and native AOT
    /// keep its public properties and fields, so that they can be read; objects nested in them are read only under JIT,
    /// so under native AOT nest dictionaries or JSON.
    /// </remarks>
    /// <typeparam name="T">The variables' type.</typeparam>
    /// <param name="variables">The variables.</param>
    /// <param name="options">Render settings; <see langword="null"/> for <see cref="PromptTemplateRenderOptions.Default"/>.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="PromptTemplateException">As for <see cref="Render(object, PromptTemplateRenderOptions)"/>.</exception>
    public string Render<[DynamicallyAccessedMembers(TypeAccessor.ReadMembers)] T>(T variables, PromptTemplateRenderOptions? options = null)
    {
        TypeRegistration<T>.Ensure();
        return TemplateRenderer.Render(this, variables, options ?? PromptTemplateRenderOptions.Default);
    }

    /// <summary>Returns the template text.</summary>
    /// <returns>The template text.</returns>
    public override string ToString() => Text;
}
