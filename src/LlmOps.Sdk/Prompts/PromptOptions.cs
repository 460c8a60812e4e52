using System.ComponentModel.DataAnnotations;
using LlmOps.Sdk.Validation;

namespace LlmOps.Sdk.Prompts;

/// <summary>Settings for resolving and rendering prompts.</summary>
public sealed class PromptOptions
{
    /// <summary>Gets or sets how long a prompt read from a store is served from the cache before it is refreshed.</summary>
    /// <value>From 0 (no cache: every call reads the store) to 1 day. The default is 60 seconds.</value>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = PromptConstants.DefaultCacheDuration;

    /// <summary>Gets or sets the label a call gets when it names neither a label nor a version.</summary>
    /// <value>The default is <c>production</c>.</value>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$")]
    public string DefaultLabel { get; set; } = PromptConstants.DefaultLabel;

    /// <summary>Gets or sets whether a variable that a template uses but the call omits is an error.</summary>
    /// <value>The default is <see langword="true"/>; when <see langword="false"/>, it renders as empty.</value>
    public bool StrictVariables { get; set; } = true;

    /// <summary>Gets or sets a file where the registry keeps the prompts it has read, to serve them when it starts while its stores fail.</summary>
    /// <value>
    /// The default is <see langword="null"/>: no snapshot. The file is written atomically shortly after a prompt read
    /// from a store changes; a relative path is taken from the current directory.
    /// </value>
    public string? SnapshotPath { get; set; }

    /// <summary>Gets or sets how deep partials may include other partials.</summary>
    /// <value>From 1 to 64. The default is 10.</value>
    [Range(1, 64)]
    public int MaxPartialDepth { get; set; } = PromptConstants.DefaultMaxPartialDepth;
}
