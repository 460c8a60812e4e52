namespace LlmOps.Sdk.Prompts;

/// <summary>Settings for rendering a <see cref="PromptTemplate"/> or a <see cref="ChatPromptTemplate"/>.</summary>
/// <remarks>Immutable: one instance can be shared by all threads and calls.</remarks>
public sealed record PromptTemplateRenderOptions
{
    /// <summary>The largest value allowed for <see cref="MaxPartialDepth"/>.</summary>
    public const int MaxPartialDepthLimit = 256;

    /// <summary>Gets the options used when none are given: no escaping, strict variables, no partials.</summary>
    public static PromptTemplateRenderOptions Default { get; } = new();

    /// <summary>Gets how interpolated values are escaped.</summary>
    /// <value>The default is <see cref="PromptTemplateEscaping.None"/>.</value>
    public PromptTemplateEscaping Escaping { get; init; } = PromptTemplateEscaping.None;

    /// <summary>Gets whether a name that resolves to nothing, or a partial that cannot be found, is an error.</summary>
    /// <value>
    /// The default is <see langword="true"/>: a typo in a prompt fails the call instead of sending the model a hole.
    /// When <see langword="false"/>, a missing name renders as empty, as the Mustache specification says.
    /// A name that resolves to <see langword="null"/> is not missing: it renders as empty in both modes.
    /// </value>
    public bool StrictVariables { get; init; } = true;

    /// <summary>Gets where the partials (<c>{{&gt; name}}</c>) are looked up.</summary>
    /// <value>The default is <see langword="null"/>: no partials are known.</value>
    public IPartialTemplateResolver? Partials { get; init; }

    /// <summary>Gets the values used for names that the variables do not supply, such as a prompt's declared defaults.</summary>
    /// <value>Any variable source (an object, a dictionary, JSON); <see langword="null"/> (the default) for none.</value>
    /// <remarks>It sits below the variables on the context stack, so a variable of the same name always wins.</remarks>
    public object? Defaults { get; init; }

    /// <summary>Gets how deep partials may include each other before rendering stops with an error.</summary>
    /// <value>From 1 to <see cref="MaxPartialDepthLimit"/>. The default is 32.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside that range.</exception>
    public int MaxPartialDepth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxPartialDepthLimit);
            field = value;
        }
    } = 32;
}
