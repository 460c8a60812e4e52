using System.Diagnostics.CodeAnalysis;
using LlmOps.Sdk.Prompts.Mustache;

namespace LlmOps.Sdk.Prompts;

/// <summary>A list of (role, template) pairs that renders into chat messages, one message per pair.</summary>
/// <remarks>
/// Roles are fixed by the template, and each message's text is rendered on its own: whatever a variable holds (a role
/// name, a line break, <c>{{</c>), it stays inside its message and can neither open a new message nor change a role.
/// Immutable and thread-safe.
/// </remarks>
public sealed class ChatPromptTemplate
{
    /// <summary>Initializes a new instance of the <see cref="ChatPromptTemplate"/> class.</summary>
    /// <param name="messages">The messages, in the order they are sent.</param>
    /// <exception cref="ArgumentException">A message is <see langword="null"/>.</exception>
    public ChatPromptTemplate(IEnumerable<ChatPromptTemplateMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = new List<ChatPromptTemplateMessage>();
        var variables = new List<PromptTemplateVariable>();
        var partials = new List<string>();
        foreach (var message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException(
                    $"Message {list.Count + 1} of the chat template is null. Give every message a role and a template.", nameof(messages));
            }

            list.Add(message);
            foreach (var variable in message.Template.Variables)
            {
                if (!variables.Contains(variable))
                {
                    variables.Add(variable);
                }
            }

            foreach (var partial in message.Template.PartialNames)
            {
                if (!partials.Contains(partial))
                {
                    partials.Add(partial);
                }
            }
        }

        Messages = list.AsReadOnly();
        Variables = variables.AsReadOnly();
        PartialNames = partials.AsReadOnly();
    }

    /// <summary>Gets the messages, in the order they are sent.</summary>
    public IReadOnlyList<ChatPromptTemplateMessage> Messages { get; }

    /// <summary>Gets the names the messages read, each once per place kind, in order of first use.</summary>
    public IReadOnlyList<PromptTemplateVariable> Variables { get; }

    /// <summary>Gets the names of the partials the messages include, each once.</summary>
    public IReadOnlyList<string> PartialNames { get; }

    /// <summary>Parses the text of each message as a template, keeping its role.</summary>
    /// <param name="messages">The messages; each one's <see cref="ChatMessage.Text"/> is its template.</param>
    /// <param name="options">
    /// Parse settings; when <see cref="PromptTemplateParseOptions.Name"/> is set, each message's template is named after it,
    /// with the message's number and role, such as <c>support-reply (message 2, user)</c>.
    /// </param>
    /// <returns>The parsed chat template.</returns>
    /// <exception cref="PromptTemplateException">A message's text is not a valid template.</exception>
    /// <exception cref="ArgumentException">A message holds content other than text, such as an image.</exception>
    public static ChatPromptTemplate Parse(IEnumerable<ChatMessage> messages, PromptTemplateParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var parsed = new List<ChatPromptTemplateMessage>();
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            var number = parsed.Count + 1;
            foreach (var content in message.Contents)
            {
                if (content is not TextContent)
                {
                    // Dropping an image or a tool call silently would send the model another prompt than the one written.
                    throw new ArgumentException(
                        $"Message {number} ({message.Role}) holds {content.GetType().Name}; a chat template renders text only. " +
                        "Give each message only text, and add other content to the rendered messages.", nameof(messages));
                }
            }

            var name = options?.Name is { } baseName
                ? $"{baseName} (message {number}, {message.Role})"
                : $"message {number} ({message.Role})";
            parsed.Add(new(message.Role, PromptTemplate.Parse(message.Text, new PromptTemplateParseOptions { Name = name })));
        }

        return new ChatPromptTemplate(parsed);
    }

    /// <summary>Renders every message with the same variables.</summary>
    /// <param name="variables">The variables, as for <see cref="PromptTemplate.Render(object, PromptTemplateRenderOptions)"/>.</param>
    /// <param name="options">Render settings; <see langword="null"/> for <see cref="PromptTemplateRenderOptions.Default"/>.</param>
    /// <returns>One new message per template, with its role, in order.</returns>
    /// <exception cref="PromptTemplateException">A message cannot be rendered; the message names it.</exception>
    public IList<ChatMessage> Render(object? variables, PromptTemplateRenderOptions? options = null) => Render(variables, options, 0);

    /// <summary>Renders every message with the same variables, whose type is known at compile time.</summary>
    /// <remarks>As <see cref="PromptTemplate.Render{T}(T, PromptTemplateRenderOptions)"/>: naming the type keeps its members readable under trimming and native AOT.</remarks>
    /// <typeparam name="T">The variables' type.</typeparam>
    /// <param name="variables">The variables.</param>
    /// <param name="options">Render settings; <see langword="null"/> for <see cref="PromptTemplateRenderOptions.Default"/>.</param>
    /// <returns>One new message per template, with its role, in order.</returns>
    /// <exception cref="PromptTemplateException">A message cannot be rendered; the message names it.</exception>
    public IList<ChatMessage> Render<[DynamicallyAccessedMembers(TypeAccessor.ReadMembers)] T>(T variables, PromptTemplateRenderOptions? options = null)
    {
        TypeRegistration<T>.Ensure();
        return Render(variables, options, 0);
    }

    /// <summary>Renders every message into a list with room for <paramref name="extraCapacity"/> more.</summary>
    /// <remarks>The prompt stage appends the call's own messages without growing the list.</remarks>
    internal List<ChatMessage> Render(object? variables, PromptTemplateRenderOptions? options, int extraCapacity)
    {
        var rendered = new List<ChatMessage>(Messages.Count + extraCapacity);
        foreach (var message in Messages)
        {
            rendered.Add(new ChatMessage(message.Role, message.Template.Render(variables, options)));
        }

        return rendered;
    }
}
