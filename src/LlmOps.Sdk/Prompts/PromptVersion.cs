namespace LlmOps.Sdk.Prompts;

/// <summary>One immutable version of a named prompt: its templates, model settings and declared variables.</summary>
/// <remarks>
/// Thread-safe and immutable. A prompt is either a chat prompt (a list of role + template messages) or a single text
/// template, which renders as one user message. <see cref="ContentHash"/> identifies what the model is sent, so two
/// versions with the same content share it.
/// </remarks>
public sealed class PromptVersion
{
    private string? _contentHash;
    private object? _versionTag;

    /// <summary>Initializes a new chat prompt version.</summary>
    /// <param name="name">The prompt's name: letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>/</c>.</param>
    /// <param name="version">The version number, from 1.</param>
    /// <param name="messages">The messages, in order; at least one.</param>
    /// <exception cref="ArgumentException">The name, version or messages are invalid; the message says which and why.</exception>
    public PromptVersion(string name, int version, IReadOnlyList<PromptMessageTemplate> messages)
        : this(name, version, messages, text: null)
    {
    }

    /// <summary>Initializes a new text prompt version, rendered as one user message.</summary>
    /// <param name="name">The prompt's name: letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>/</c>.</param>
    /// <param name="version">The version number, from 1.</param>
    /// <param name="text">The Mustache template of the text.</param>
    /// <exception cref="ArgumentException">The name or version is invalid.</exception>
    public PromptVersion(string name, int version, string text)
        : this(name, version, [new PromptMessageTemplate(ChatRole.User, text ?? throw new ArgumentNullException(nameof(text)))], text)
    {
    }

    internal PromptVersion(string name, int version, IReadOnlyList<PromptMessageTemplate> messages, string? text)
    {
        PromptName.ThrowIfInvalid(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new ArgumentException(
                $"Prompt '{name}' version {version} has no messages. Give it at least one message or use a text template.",
                nameof(messages));
        }

        Name = name;
        Version = version;
        Messages = [.. messages];
        Text = text;
    }

    /// <summary>Gets the prompt's name.</summary>
    public string Name { get; }

    /// <summary>Gets the version number: 1, 2, 3…</summary>
    public int Version { get; }

    /// <summary>Gets the messages the prompt renders; a text prompt has one user message.</summary>
    public IReadOnlyList<PromptMessageTemplate> Messages { get; }

    /// <summary>Gets the text template of a text prompt, or <see langword="null"/> for a chat prompt.</summary>
    public string? Text { get; }

    /// <summary>Gets the model settings the prompt asks for, or <see langword="null"/> for none.</summary>
    public PromptModelSettings? Model { get; init; }

    /// <summary>Gets whether, and for how long, the response cache serves calls through this version; <see langword="null"/> for not at all.</summary>
    /// <remarks>Not part of <see cref="ContentHash"/>: it does not change what the model is sent.</remarks>
    public PromptCacheSettings? Cache { get; init; }

    /// <summary>Gets the declared variables. When any are declared, the templates must use exactly these.</summary>
    public IReadOnlyList<PromptVariable> Variables { get; init; } = [];

    /// <summary>Gets free-form metadata (owner, ticket, notes); it does not change what the model is sent.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets where this version was defined, such as a file path, for error messages.</summary>
    public string? Source { get; init; }

    /// <summary>Gets where each part was written, for prompts loaded from files.</summary>
    internal PromptSource? Origin { get; init; }

    /// <summary>Gets or sets the parsed form, kept on the version so a warm render does no lookup at all.</summary>
    internal CompiledPrompt? Compiled { get; set; }

    /// <summary>Gets <see cref="Version"/> boxed once, for the span attribute every call through this version carries.</summary>
    internal object VersionTag => _versionTag ??= Version; // a race only boxes twice

    /// <summary>Gets the SHA-256 (lower-case hex) of the normalised content: messages, model settings and variables.</summary>
    public string ContentHash => _contentHash ??= PromptContentHash.Compute(this);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} v{Version}";
}
