using System.Text;

namespace LlmOps.Sdk.Privacy;

/// <summary>One call's protection: its placeholders, what was found, and what the policy blocks.</summary>
/// <remarks>
/// Created on the first value found, so a clean call allocates nothing. Not thread-safe: one call, one thread at a
/// time. The map is cleared when the call ends; nothing here is ever logged or recorded, only the counts by kind.
/// </remarks>
internal sealed partial class PrivacyCall
{
    /// <summary>The position that stands for <see cref="ChatOptions.Instructions"/> in <see cref="Blocked"/>.</summary>
    public const int InstructionsPosition = -1;

    private readonly PrivacyPolicy _policy;
    private readonly List<PrivacyCount> _counts = [];
    private List<(string Kind, int Position)>? _blocked;

    private PrivacyCall(PrivacyPolicy policy) => _policy = policy;

    /// <summary>Gets the call's placeholders.</summary>
    public PlaceholderMap Map { get; } = new();

    /// <summary>Gets what was found, by kind and mode, in the order first found.</summary>
    public IReadOnlyList<PrivacyCount> Counts => _counts;

    /// <summary>Gets the kinds the policy blocks and the message positions they were found in, or <see langword="null"/>.</summary>
    public IReadOnlyList<(string Kind, int Position)>? Blocked => _blocked;

    /// <summary>Protects every message and the instructions; <paramref name="call"/> stays <see langword="null"/> for a clean call.</summary>
    /// <returns>The messages to send: <paramref name="messages"/> itself when nothing was found.</returns>
    public static IEnumerable<ChatMessage> Protect(
        PrivacyPolicy policy, IEnumerable<ChatMessage> messages, ref ChatOptions? options, out PrivacyCall? call)
    {
        call = null;
        var list = messages as IList<ChatMessage> ?? [.. messages];
        List<ChatMessage>? sent = null;
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            var protectedMessage = ProtectMessage(policy, message, i, ref call);
            if (!ReferenceEquals(protectedMessage, message))
            {
                sent ??= [.. list];
                sent[i] = protectedMessage;
            }
        }

        if (options?.Instructions is { } instructions)
        {
            var text = ProtectText(policy, instructions, InstructionsPosition, ref call);
            if (!ReferenceEquals(text, instructions))
            {
                options = options.Clone();
                options.Instructions = text;
            }
        }

        return sent ?? list;
    }

    /// <summary>Returns <paramref name="text"/> with its values replaced as the policy says, or itself when clean.</summary>
    public static string ProtectText(PrivacyPolicy policy, string text, int position, ref PrivacyCall? call)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var findings = policy.Scanner.Scan(text);
        if (findings.Count == 0)
        {
            return text;
        }

        call ??= new PrivacyCall(policy);
        var builder = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var finding in findings)
        {
            var mode = policy.ModeOf(finding.Kind);
            call.Count(finding.Kind, mode);
            builder.Append(text, copied, finding.Index - copied);
            switch (mode)
            {
                case PrivacyMode.Block:
                    call.Block(finding.Kind, position);
                    builder.Append(PrivacyConstants.Redacted(finding.Kind)); // never sent: the call fails before the provider
                    break;
                case PrivacyMode.Redact:
                    builder.Append(PrivacyConstants.Redacted(finding.Kind));
                    break;
                default:
                    builder.Append(call.Map.GetOrAdd(finding.Kind, text.Substring(finding.Index, finding.Length)));
                    break;
            }

            copied = finding.Index + finding.Length;
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Returns the response with every placeholder this call issued replaced by its value.</summary>
    /// <remarks>A new response when anything changed: the one from below may still be read by a background evaluation.</remarks>
    public ChatResponse Restore(ChatResponse response)
    {
        List<ChatMessage>? restored = null;
        for (var i = 0; i < response.Messages.Count; i++)
        {
            var message = response.Messages[i];
            var contents = RestoreContents(message.Contents);
            if (contents is not null)
            {
                restored ??= [.. response.Messages];
                restored[i] = CopyMessage(message, contents);
            }
        }

        if (restored is null)
        {
            return response;
        }

        return new ChatResponse(restored)
        {
            AdditionalProperties = response.AdditionalProperties,
            ConversationId = response.ConversationId,
            CreatedAt = response.CreatedAt,
            FinishReason = response.FinishReason,
            ModelId = response.ModelId,
            RawRepresentation = response.RawRepresentation,
            ResponseId = response.ResponseId,
            Usage = response.Usage,
        };
    }

    /// <summary>Forgets every value, when the call ends.</summary>
    public void Clear() => Map.Clear();

    private static ChatMessage ProtectMessage(PrivacyPolicy policy, ChatMessage message, int position, ref PrivacyCall? call)
    {
        var contents = message.Contents;
        List<AIContent>? changed = null;
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            var protectedContent = content switch
            {
                TextContent text => ProtectText(policy, text.Text, position, ref call) is var value && !ReferenceEquals(value, text.Text)
                    ? new TextContent(value) { AdditionalProperties = text.AdditionalProperties }
                    : content,
                TextReasoningContent reasoning => ProtectText(policy, reasoning.Text, position, ref call) is var value && !ReferenceEquals(value, reasoning.Text)
                    ? new TextReasoningContent(value) { AdditionalProperties = reasoning.AdditionalProperties }
                    : content,
                FunctionCallContent functionCall => ProtectCall(policy, functionCall, position, ref call),
                FunctionResultContent result => ProtectResult(policy, result, position, ref call),
                _ => content,
            };
            if (!ReferenceEquals(protectedContent, content))
            {
                changed ??= [.. contents];
                changed[i] = protectedContent;
            }
        }

        return changed is null ? message : CopyMessage(message, changed);
    }

    /// <summary>Copies a message with new contents, without its raw representation, which still holds the old text.</summary>
    private static ChatMessage CopyMessage(ChatMessage message, IList<AIContent> contents) => new(message.Role, contents)
    {
        AdditionalProperties = message.AdditionalProperties,
        AuthorName = message.AuthorName,
        CreatedAt = message.CreatedAt,
        MessageId = message.MessageId,
    };

    private void Count(string kind, PrivacyMode mode)
    {
        for (var i = 0; i < _counts.Count; i++)
        {
            if (_counts[i].Kind == kind && _counts[i].Mode == mode)
            {
                _counts[i] = _counts[i] with { Count = _counts[i].Count + 1 };
                return;
            }
        }

        _counts.Add(new PrivacyCount(kind, mode, 1));
    }

    private void Block(string kind, int position)
    {
        _blocked ??= [];
        if (!_blocked.Contains((kind, position)))
        {
            _blocked.Add((kind, position));
        }
    }
}
