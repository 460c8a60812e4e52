using PromptNames = LlmOps.Sdk.Prompts.PromptName;

namespace LlmOps.Sdk.Prompts;

/// <summary>Represents the options of a chat call that sends a named prompt, with the prompt's name and variables in one object.</summary>
/// <remarks>
/// <para>
/// The prompt stage treats these options like <see cref="ChatOptions"/> marked with
/// <see cref="PromptChatOptionsExtensions.WithPrompt(ChatOptions, string, object, string, int?, string)"/>: it resolves the prompt, renders it before the call's own
/// messages, applies its model settings where these options leave them unset, and passes on a copy without the mark.
/// They cost less: the mark is held in fields, not in <see cref="ChatOptions.AdditionalProperties"/>, so neither
/// marking the call nor copying the options builds a dictionary. Without the prompt stage in the pipeline the mark does
/// nothing, and a provider never sees it.
/// </para>
/// <para>
/// Like <see cref="ChatOptions"/>, an instance may be passed to any number of calls, concurrently, as long as nobody
/// changes it meanwhile; the prompt stage never changes it. <see cref="Clone"/> keeps the mark.
/// <see cref="PromptChatOptionsExtensions.WithPrompt(ChatOptions, string, object, string, int?, string)"/> called on an instance replaces its mark.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var response = await chat.GetResponseAsync([], new PromptChatOptions("support-reply", new { customer, question }) { Label = "staging" });
/// </code>
/// </example>
public sealed class PromptChatOptions : ChatOptions
{
    /// <summary>Initializes a new instance of the <see cref="PromptChatOptions"/> class that names a prompt.</summary>
    /// <param name="promptName">The prompt's name.</param>
    /// <param name="variables">The values the templates read: an anonymous object, a POCO, a dictionary, or JSON.</param>
    /// <exception cref="ArgumentException"><paramref name="promptName"/> is not a valid prompt name.</exception>
    public PromptChatOptions(string promptName, object? variables = null)
    {
        PromptName = promptName;
        Variables = variables;
    }

    private PromptChatOptions(PromptChatOptions other)
        : base(other)
    {
        PromptName = other.PromptName;
        Variables = other.Variables;
        Label = other.Label;
        Version = other.Version;
        SplitKey = other.SplitKey;
    }

    /// <summary>Gets or sets the name of the prompt the call sends.</summary>
    /// <exception cref="ArgumentException">The value is not a valid prompt name.</exception>
    public string PromptName
    {
        get;
        set
        {
            PromptNames.ThrowIfInvalid(value);
            field = value;
        }
    }

    /// <summary>Gets or sets the values the templates read: an anonymous object, a POCO, a dictionary, or JSON.</summary>
    /// <value>The default is <see langword="null"/>: no variables.</value>
    public object? Variables { get; set; }

    /// <summary>Gets or sets the label to serve, such as <c>staging</c>.</summary>
    /// <value>The default is <see langword="null"/>: the configured default label.</value>
    /// <exception cref="ArgumentException">The value is not a valid label.</exception>
    public string? Label
    {
        get;
        set
        {
            if (value is not null)
            {
                PromptNames.ThrowIfInvalid(value, "label");
            }

            field = value;
        }
    }

    /// <summary>Gets or sets an exact version to serve; it wins over <see cref="Label"/>.</summary>
    /// <value>From 1 up, or <see langword="null"/> (the default) to serve <see cref="Label"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int? Version
    {
        get;
        set
        {
            if (value is { } number)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(number, 1, nameof(value));
            }

            field = value;
        }
    }

    /// <summary>Gets or sets the key that keeps a traffic split's choice sticky, such as a user or session id.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="ChatOptions.ConversationId"/> is used.</value>
    public string? SplitKey { get; set; }

    /// <summary>Gets the mark as the prompt stage reads it.</summary>
    internal PromptCall Call => new(PromptName, Variables, Label, Version, SplitKey);

    /// <inheritdoc/>
    /// <returns>A <see cref="PromptChatOptions"/> naming the same prompt, with the same variables, label, version and split key.</returns>
    public override ChatOptions Clone() => new PromptChatOptions(this);
}
