namespace LlmOps.Sdk.Prompts;

/// <summary>The exception thrown when a prompt template does not parse, or cannot be rendered with the variables given.</summary>
/// <remarks>
/// The message names the template (when it has a name), the line and column, the offending tag, shows the line with a
/// caret under the tag, and says how to fix it. The message quotes template text but never the variables' values.
/// </remarks>
public sealed class PromptTemplateException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PromptTemplateException"/> class.</summary>
    public PromptTemplateException()
        : this("The prompt template is invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PromptTemplateException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public PromptTemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PromptTemplateException"/> class with a message and a cause.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public PromptTemplateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PromptTemplateException"/> class with the error's location.</summary>
    /// <param name="message">The message that describes the error, its location and its fix.</param>
    /// <param name="kind">What is wrong.</param>
    /// <param name="templateName">The template's name, or <see langword="null"/> when it has none.</param>
    /// <param name="line">The 1-based line of the offending tag.</param>
    /// <param name="column">The 1-based column of the offending tag.</param>
    /// <param name="tag">The offending tag as written, or <see langword="null"/>.</param>
    public PromptTemplateException(
        string message, PromptTemplateErrorKind kind, string? templateName, int line, int column, string? tag)
        : base(message)
    {
        Kind = kind;
        TemplateName = templateName;
        Line = line;
        Column = column;
        Tag = tag;
    }

    /// <summary>Gets what is wrong.</summary>
    public PromptTemplateErrorKind Kind { get; }

    /// <summary>Gets the name of the template where the error is, or <see langword="null"/> when it has none.</summary>
    /// <value>For an error inside a partial, the partial's name.</value>
    public string? TemplateName { get; }

    /// <summary>Gets the 1-based line of the offending tag, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column of the offending tag, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Gets the offending tag as written in the template, such as <c>{{#items}}</c>, or <see langword="null"/>.</summary>
    public string? Tag { get; }
}
