using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Sdk.Privacy;

/// <summary>Function call arguments and function results: protected on the way to the model, restored on the way back.</summary>
/// <remarks>
/// A tool runs in the service, so it receives real values: arguments the model wrote with placeholders are restored
/// before the response leaves the stage, and the tool's result is protected before the next request reaches the model.
/// Strings, <see cref="JsonElement"/> and <see cref="JsonNode"/> values are walked; other objects are sent as they are.
/// </remarks>
internal sealed partial class PrivacyCall
{
    /// <summary>Restores placeholders in text, reasoning and function call arguments; <see langword="null"/> when nothing changed.</summary>
    public List<AIContent>? RestoreContents(IList<AIContent> contents)
    {
        List<AIContent>? changed = null;
        for (var i = 0; i < contents.Count; i++)
        {
            var content = contents[i];
            var restored = RestoreContent(content);
            if (!ReferenceEquals(restored, content))
            {
                changed ??= [.. contents];
                changed[i] = restored;
            }
        }

        return changed;
    }

    /// <summary>Restores one content, or returns it itself when it holds no issued placeholder.</summary>
    public AIContent RestoreContent(AIContent content) => content switch
    {
        TextContent text => Map.Restore(text.Text) is var value && !ReferenceEquals(value, text.Text)
            ? new TextContent(value) { AdditionalProperties = text.AdditionalProperties, RawRepresentation = text.RawRepresentation }
            : content,
        TextReasoningContent reasoning => Map.Restore(reasoning.Text) is var value && !ReferenceEquals(value, reasoning.Text)
            ? new TextReasoningContent(value) { AdditionalProperties = reasoning.AdditionalProperties, RawRepresentation = reasoning.RawRepresentation }
            : content,
        FunctionCallContent functionCall when functionCall.Arguments is { } arguments
            && Transform(arguments, this, policy: null, PrivacyCall.InstructionsPosition) is { } restored
            => CopyCall(functionCall, restored),
        _ => content,
    };

    private static FunctionCallContent ProtectCall(PrivacyPolicy policy, FunctionCallContent functionCall, int position, ref PrivacyCall? call)
    {
        if (functionCall.Arguments is not { } arguments)
        {
            return functionCall;
        }

        var state = new TransformState(policy, call);
        var protectedArguments = Transform(arguments, state, position);
        call = state.Call;
        return protectedArguments is null ? functionCall : CopyCall(functionCall, protectedArguments);
    }

    private static FunctionResultContent ProtectResult(PrivacyPolicy policy, FunctionResultContent result, int position, ref PrivacyCall? call)
    {
        var state = new TransformState(policy, call);
        var changed = TransformValue(result.Result, state, position, out var value);
        call = state.Call;
        return changed
            ? new FunctionResultContent(result.CallId, value) { AdditionalProperties = result.AdditionalProperties, Exception = result.Exception }
            : result;
    }

    private static FunctionCallContent CopyCall(FunctionCallContent functionCall, IDictionary<string, object?> arguments) =>
        new(functionCall.CallId, functionCall.Name, arguments)
        {
            AdditionalProperties = functionCall.AdditionalProperties,
            Exception = functionCall.Exception,
        };

    private static Dictionary<string, object?>? Transform(IDictionary<string, object?> arguments, PrivacyCall call, PrivacyPolicy? policy, int position) =>
        Transform(arguments, new TransformState(policy, call), position);

    private static Dictionary<string, object?>? Transform(IDictionary<string, object?> arguments, TransformState state, int position)
    {
        Dictionary<string, object?>? changed = null;
        foreach (var (name, argument) in arguments)
        {
            if (TransformValue(argument, state, position, out var value))
            {
                changed ??= new Dictionary<string, object?>(arguments, StringComparer.Ordinal);
                changed[name] = value;
            }
        }

        return changed;
    }

    /// <summary>Protects (with a policy) or restores (without one) a value; whether it changed.</summary>
    private static bool TransformValue(object? argument, TransformState state, int position, out object? value)
    {
        value = argument;
        switch (argument)
        {
            case string text:
                value = state.Apply(text, position);
                return !ReferenceEquals(value, text);
            case JsonElement element when element.ValueKind is JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array:
                var node = JsonSerializerNode(element);
                if (node is not null && TransformNode(ref node, state, position))
                {
                    value = ToElement(node);
                    return true;
                }

                return false;
            case JsonNode original:
                var copy = original.DeepClone();
                if (TransformNode(ref copy, state, position))
                {
                    value = copy;
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool TransformNode(ref JsonNode node, TransformState state, int position)
    {
        switch (node)
        {
            case JsonObject obj:
                var changed = false;
                foreach (var name in obj.Select(static property => property.Key).ToArray())
                {
                    if (obj[name] is { } child && TransformNode(ref child, state, position))
                    {
                        obj[name] = child;
                        changed = true;
                    }
                }

                return changed;
            case JsonArray array:
                var anyChanged = false;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item && TransformNode(ref item, state, position))
                    {
                        array[i] = item;
                        anyChanged = true;
                    }
                }

                return anyChanged;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var result = state.Apply(text, position);
                if (ReferenceEquals(result, text))
                {
                    return false;
                }

                node = JsonValue.Create(result);
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? JsonSerializerNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        _ => JsonValue.Create(element),
    };

    private static JsonElement ToElement(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>What a walk does to each string: protect it under a policy (creating the call on the first value) or restore it.</summary>
    private sealed class TransformState(PrivacyPolicy? policy, PrivacyCall? call)
    {
        public PrivacyCall? Call { get; private set; } = call;

        public string Apply(string text, int position)
        {
            if (policy is null)
            {
                return Call!.Map.Restore(text); // restoring: the call exists, it issued the placeholders
            }

            var current = Call;
            var result = ProtectText(policy, text, position, ref current);
            Call = current;
            return result;
        }
    }
}
