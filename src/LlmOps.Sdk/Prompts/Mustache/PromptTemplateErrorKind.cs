namespace LlmOps.Sdk.Prompts;

/// <summary>Specifies what is wrong with a template or with the variables it was rendered with.</summary>
public enum PromptTemplateErrorKind
{
    /// <summary>A tag is opened (<c>{{</c>) and never closed.</summary>
    UnclosedTag = 0,

    /// <summary>A tag has no name, or its name holds whitespace or empty dotted segments.</summary>
    InvalidTag = 1,

    /// <summary>A section (<c>{{#name}}</c> or <c>{{^name}}</c>) is never closed.</summary>
    UnclosedSection = 2,

    /// <summary>A closing tag names another section than the one that is open.</summary>
    MismatchedSection = 3,

    /// <summary>A closing tag appears where no section is open.</summary>
    UnexpectedClosingTag = 4,

    /// <summary>A set-delimiter tag (<c>{{=&lt;% %&gt;=}}</c>) does not declare exactly two delimiters without whitespace or <c>=</c>.</summary>
    InvalidDelimiter = 5,

    /// <summary>In strict mode, a name resolves to nothing in the variables.</summary>
    UnknownVariable = 6,

    /// <summary>A partial (<c>{{&gt; name}}</c>) is not known to the partial resolver.</summary>
    PartialNotFound = 7,

    /// <summary>Partials include each other deeper than <see cref="PromptTemplateRenderOptions.MaxPartialDepth"/>.</summary>
    PartialDepthExceeded = 8,
}
