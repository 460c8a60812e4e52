using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Renders the nodes of a parsed template against a stack of contexts into a pooled buffer.</summary>
/// <remarks>
/// A value is only ever written to the output, never parsed: whatever a variable holds comes out literally.
/// </remarks>
internal ref struct TemplateRenderer
{
    private const int InitialStackSize = 16;

    private readonly PromptTemplateRenderOptions _options;
    private readonly bool _html;
    private OutputBuffer _output;
    private ContextValue[] _stack;
    private int _count;
    private int _highWater;
    private int _rootFrames;

    private TemplateRenderer(int capacity, PromptTemplateRenderOptions options)
    {
        _options = options;
        _html = options.Escaping == PromptTemplateEscaping.Html;
        _output = new OutputBuffer(capacity);
        _stack = ArrayPool<ContextValue>.Shared.Rent(InitialStackSize);
        _count = 0;
        _highWater = 0;
    }

    public static string Render(PromptTemplate template, object? variables, PromptTemplateRenderOptions options)
    {
        var renderer = new TemplateRenderer(template.LengthHint, options);
        try
        {
            if (options.Defaults is { } defaults)
            {
                renderer.Push(new ContextValue(defaults)); // the outermost context: searched after the variables
            }

            renderer.Push(new ContextValue(variables));
            renderer._rootFrames = renderer._count;
            var nodes = template.Nodes;
            renderer.RenderNodes(template, 0, nodes.Length, string.Empty, 0);
            if (renderer._output.Length != template.LengthHint)
            {
                template.LengthHint = renderer._output.Length; // written only on change, so threads sharing a template do not contend
            }

            return renderer._output.ToString();
        }
        finally
        {
            renderer.Dispose();
        }
    }

    private void RenderNodes(PromptTemplate template, int from, int to, string indent, int partialDepth)
    {
        var nodes = template.Nodes;
        for (var i = from; i < to; i++)
        {
            ref readonly var node = ref nodes[i];
            if (indent.Length != 0 && node.AtLineStart)
            {
                _output.Append(indent);
            }

            switch (node.Kind)
            {
                case NodeKind.Text:
                    if (indent.Length != 0 && node.HasNewline)
                    {
                        AppendIndented(node.Text!, node.TextStart, node.TextLength, indent); // the parser gives every text node its text
                    }
                    else
                    {
                        _output.Append(node.Text!, node.TextStart, node.TextLength); // the parser gives every text node its text
                    }

                    break;
                case NodeKind.Variable:
                    WriteVariable(template, in node);
                    break;
                case NodeKind.Section:
                    RenderSection(template, in node, i, indent, partialDepth);
                    i = node.End - 1;
                    break;
                case NodeKind.InvertedSection:
                    if (!TryResolve(template, in node, out var value) || IsFalsy(value))
                    {
                        RenderNodes(template, i + 1, node.End, indent, partialDepth);
                    }

                    i = node.End - 1;
                    break;
                case NodeKind.Partial:
                    RenderPartial(template, in node, indent, partialDepth);
                    break;
            }
        }
    }

    private void WriteVariable(PromptTemplate template, ref readonly TemplateNode node)
    {
        var variable = node.Variable!; // the parser gives every variable and section node its name
        var escape = _html && node.Escape;
        var segments = variable.Segments;
        if (segments.Length == 1)
        {
            // The common case, {{name}}: write straight from the member, so a number or a date is never boxed.
            var segment = segments[0];
            for (var frame = _count - 1; frame >= 0; frame--)
            {
                ref readonly var context = ref _stack[frame];
                if (context.IsJson)
                {
                    if (context.Json.ValueKind == JsonValueKind.Object && context.Json.TryGetProperty(segment.Name, out var property))
                    {
                        ValueWriter.WriteJson(property, ref _output, escape);
                        return;
                    }
                }
                else if (context.Object is { } target && segment.GetAccessor(target.GetType()).TryWrite(target, ref _output, escape))
                {
                    return;
                }
            }

            if (_options.StrictVariables)
            {
                throw UnknownVariable(template, in node, 0);
            }

            return;
        }

        if (TryResolve(template, in node, out var value))
        {
            ValueWriter.Write(value, ref _output, escape);
        }
    }

    private void RenderSection(PromptTemplate template, ref readonly TemplateNode node, int index, string indent, int partialDepth)
    {
        if (!TryResolve(template, in node, out var value))
        {
            return;
        }

        var repeatIndent = indent.Length != 0 && node.CloseAtLineStart;
        if (value.IsJson)
        {
            var json = value.Json;
            switch (json.ValueKind)
            {
                case JsonValueKind.Array:
                    foreach (var item in json.EnumerateArray())
                    {
                        RenderItem(template, new ContextValue(item), index, in node, indent, partialDepth, repeatIndent);
                    }

                    return;
                case JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined:
                    return;
                case JsonValueKind.String when json.ValueEquals(ReadOnlySpan<char>.Empty):
                    return;
                default:
                    RenderItem(template, value, index, in node, indent, partialDepth, repeatIndent);
                    return;
            }
        }

        switch (value.Object)
        {
            case null or false or "":
                return;
            case string or bool or IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or IDictionary or JsonObject:
                RenderItem(template, value, index, in node, indent, partialDepth, repeatIndent);
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    RenderItem(template, new ContextValue(array[i]), index, in node, indent, partialDepth, repeatIndent);
                }

                return;
            case JsonValue json:
                if (!IsFalsy(json))
                {
                    RenderItem(template, value, index, in node, indent, partialDepth, repeatIndent);
                }

                return;
            case object?[] array:
                // Arrays of reference types are the common list: index them directly, not through IList.
                for (var i = 0; i < array.Length; i++)
                {
                    RenderItem(template, new ContextValue(array[i]), index, in node, indent, partialDepth, repeatIndent);
                }

                return;
            case IList list:
                // An index loop, not foreach: the enumerator of an array or a list seen as IEnumerable is allocated.
                for (var i = 0; i < list.Count; i++)
                {
                    RenderItem(template, new ContextValue(list[i]), index, in node, indent, partialDepth, repeatIndent);
                }

                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    RenderItem(template, new ContextValue(item), index, in node, indent, partialDepth, repeatIndent);
                }

                return;
            default:
                RenderItem(template, value, index, in node, indent, partialDepth, repeatIndent);
                return;
        }
    }

    private void RenderItem(
        PromptTemplate template, ContextValue item, int index, ref readonly TemplateNode node, string indent, int partialDepth,
        bool repeatIndent)
    {
        Push(item);
        RenderNodes(template, index + 1, node.End, indent, partialDepth);
        _count--;
        if (repeatIndent)
        {
            _output.Append(indent);
        }
    }

    private void RenderPartial(PromptTemplate template, ref readonly TemplateNode node, string indent, int partialDepth)
    {
        var name = node.Text!; // the parser gives every partial node its name
        if (_options.Partials is not { } partials || !partials.TryGetPartial(name, out var partial))
        {
            if (_options.StrictVariables)
            {
                throw TemplateErrors.Create(PromptTemplateErrorKind.PartialNotFound, template.Name, template.Text, node.Offset,
                    TagText(template, in node), $"the partial '{name}' is not found",
                    $"Register a partial named '{name}' with the partial resolver (PromptTemplateRenderOptions.Partials), or fix the name.");
            }

            return;
        }

        if (partialDepth >= _options.MaxPartialDepth)
        {
            throw TemplateErrors.Create(PromptTemplateErrorKind.PartialDepthExceeded, template.Name, template.Text, node.Offset,
                TagText(template, in node),
                $"the partial '{name}' would be included {partialDepth + 1} levels deep, past the limit of {_options.MaxPartialDepth}",
                "Check that the partials do not include each other without end (a partial that includes itself needs a section that ends the recursion), or raise PromptTemplateRenderOptions.MaxPartialDepth.");
        }

        // A standalone partial tag indents every line of the partial by the tag's own indentation.
        var partialIndent = node.Indent is null ? string.Empty : string.Concat(indent, node.Indent);
        RenderNodes(partial, 0, partial.Nodes.Length, partialIndent, partialDepth + 1);
    }

    private void AppendIndented(string text, int start, int length, string indent)
    {
        var end = start + length;
        for (var newline = text.IndexOf('\n', start, end - start); newline >= 0; newline = text.IndexOf('\n', start, end - start))
        {
            _output.Append(text, start, newline + 1 - start);
            start = newline + 1;
            if (start == end)
            {
                return;
            }

            _output.Append(indent);
        }

        _output.Append(text, start, end - start);
    }

    private readonly bool TryResolve(PromptTemplate template, ref readonly TemplateNode node, out ContextValue value)
    {
        var variable = node.Variable!; // the parser gives every variable and section node its name
        if (variable.IsImplicit)
        {
            value = _stack[_count - 1];
            return true;
        }

        var segments = variable.Segments;
        value = default;
        var frame = _count - 1;
        for (; frame >= 0; frame--)
        {
            if (TryGetMember(in _stack[frame], segments[0], out value))
            {
                break;
            }
        }

        if (frame < 0)
        {
            return Missed(template, in node, 0, out value);
        }

        // Only the first segment searches the stack; the rest must follow from it (the spec's broken-chain rule).
        for (var i = 1; i < segments.Length; i++)
        {
            var parent = value;
            if (!TryGetMember(in parent, segments[i], out value))
            {
                return Missed(template, in node, i, out value);
            }
        }

        return true;
    }

    private readonly bool Missed(PromptTemplate template, ref readonly TemplateNode node, int failedSegment, out ContextValue value)
    {
        // Under native AOT, a value whose members were not kept is an error in any mode: rendering it empty would hide it.
        if (!RuntimeFeature.IsDynamicCodeSupported && FindUnreadable(in node, failedSegment) is { } unreadable)
        {
            throw Unreadable(template, in node, unreadable);
        }

        if (_options.StrictVariables)
        {
            throw UnknownVariable(template, in node, failedSegment);
        }

        value = default;
        return false;
    }

    private static bool TryGetMember(ref readonly ContextValue context, NameSegment segment, out ContextValue value)
    {
        if (context.IsJson)
        {
            if (context.Json.ValueKind == JsonValueKind.Object && context.Json.TryGetProperty(segment.Name, out var property))
            {
                value = new ContextValue(property);
                return true;
            }

            value = default;
            return false;
        }

        if (context.Object is { } target)
        {
            return segment.GetAccessor(target.GetType()).TryGetValue(target, out value);
        }

        value = default;
        return false;
    }

    private static bool IsFalsy(in ContextValue value)
    {
        if (value.IsJson)
        {
            var json = value.Json;
            return json.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => true,
                JsonValueKind.Array => json.GetArrayLength() == 0,
                JsonValueKind.String => json.ValueEquals(ReadOnlySpan<char>.Empty),
                _ => false,
            };
        }

        return value.Object switch
        {
            null or false or "" => true,
            string or IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or IDictionary or JsonObject => false,
            JsonValue json => IsFalsy(json),
            ICollection collection => collection.Count == 0,
            IEnumerable items => !HasAny(items),
            _ => false,
        };
    }

    private static bool IsFalsy(JsonValue json) => json.GetValueKind() switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => true,
        JsonValueKind.String => json.GetValue<string>().Length == 0,
        _ => false,
    };

    private static bool HasAny(IEnumerable items)
    {
        var enumerator = items.GetEnumerator();
        try
        {
            return enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }

    private readonly Type? FindUnreadable(ref readonly TemplateNode node, int failedSegment)
    {
        if (failedSegment > 0)
        {
            return TryResolvePrefix(node.Variable!, failedSegment, out var parent) ? UnreadableType(in parent) : null; // the parser names every variable node
        }

        for (var frame = _count - 1; frame >= 0; frame--)
        {
            if (UnreadableType(in _stack[frame]) is { } type)
            {
                return type;
            }
        }

        return null;
    }

    // Scalars (strings, numbers, dates) and JSON values pushed by a section have no members a template means: a miss
    // in them is an ordinary unknown variable.
    private static Type? UnreadableType(ref readonly ContextValue value) =>
        !value.IsJson && value.Object is { } target and not JsonNode && target.GetType() is { Namespace: not "System" } type &&
        !TypeAccessor.ForRuntimeType(type).CanRead ? type : null;

    private static PromptTemplateException Unreadable(PromptTemplate template, ref readonly TemplateNode node, Type type) =>
        TemplateErrors.Create(PromptTemplateErrorKind.UnknownVariable, template.Name, template.Text, node.Offset, TagText(template, in node),
            $"the variable '{node.Variable!.Path}' cannot be read: it is looked up in a {type.Name}, whose members a native AOT app " + // the parser names every variable node
            "reads only when its type was named at compile time",
            "Pass the variables through a generic overload (WithPrompt<T>, Render<T>), which keeps the public properties and " +
            "fields of T, or as a dictionary or a JsonNode; nested objects and list items need a dictionary or a JsonNode.");

    private readonly PromptTemplateException UnknownVariable(PromptTemplate template, ref readonly TemplateNode node, int failedSegment)
    {
        var variable = node.Variable!; // the parser gives every variable and section node its name
        var missing = variable.Segments[failedSegment].Name;
        var candidates = new List<string>();
        string where;
        if (failedSegment == 0)
        {
            for (var frame = _count - 1; frame >= 0; frame--)
            {
                candidates.AddRange(TypeAccessor.NamesOf(_stack[frame]));
            }

            var roots = _rootFrames > 1 ? "the variables or the defaults" : "the variables";
            where = _count > _rootFrames ? $"in the current section items or {roots}" : $"in {roots}";
        }
        else
        {
            var parentPath = string.Join('.', variable.Segments[..failedSegment].Select(static s => s.Name));
            if (TryResolvePrefix(variable, failedSegment, out var parent))
            {
                candidates.AddRange(TypeAccessor.NamesOf(parent));
            }

            where = $"in '{parentPath}'";
        }

        var nearest = NameSuggestions.Nearest(missing, candidates);
        var hint = nearest is not null
            ? $"Did you mean '{nearest}'? "
            : candidates.Count > 0
                ? $"Available names: {string.Join(", ", candidates.Distinct(StringComparer.Ordinal).Take(12).Select(static c => $"'{c}'"))}. "
                : string.Empty;
        return TemplateErrors.Create(PromptTemplateErrorKind.UnknownVariable, template.Name, template.Text, node.Offset,
            TagText(template, in node), $"the variable '{variable.Path}' is not found: there is no '{missing}' {where}",
            hint + (failedSegment == 0
                ? $"Pass '{missing}' in the variables, fix the name in the template, or render with StrictVariables = false to leave it empty."
                : $"Give '{missing}' to the value of '{variable.Segments[0].Name}', fix the name in the template, or render with StrictVariables = false to leave it empty."));
    }

    private readonly bool TryResolvePrefix(VariableReference variable, int count, out ContextValue value)
    {
        value = default;
        var frame = _count - 1;
        for (; frame >= 0; frame--)
        {
            if (TryGetMember(in _stack[frame], variable.Segments[0], out value))
            {
                break;
            }
        }

        for (var i = 1; frame >= 0 && i < count; i++)
        {
            var parent = value;
            if (!TryGetMember(in parent, variable.Segments[i], out value))
            {
                return false;
            }
        }

        return frame >= 0;
    }

    private static string TagText(PromptTemplate template, ref readonly TemplateNode node) =>
        template.Text.Substring(node.Offset, node.TagLength);

    private void Push(ContextValue value)
    {
        if (_count == _stack.Length)
        {
            var larger = ArrayPool<ContextValue>.Shared.Rent(_stack.Length * 2);
            _stack.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<ContextValue>.Shared.Return(_stack, clearArray: true);
            _stack = larger;
        }

        _stack[_count++] = value;
        if (_count > _highWater)
        {
            _highWater = _count;
        }
    }

    public void Dispose()
    {
        _output.Dispose();
        if (_stack.Length > 0)
        {
            // Clear only what was used, so the pool does not keep the caller's objects alive.
            _stack.AsSpan(0, _highWater).Clear();
            ArrayPool<ContextValue>.Shared.Return(_stack);
            _stack = [];
        }
    }
}
