using System.Text.Json.Nodes;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Reads one property of a <see cref="JsonObject"/>.</summary>
internal sealed class JsonObjectMemberAccessor : MemberAccessor
{
    private readonly string _key;

    public JsonObjectMemberAccessor(Type targetType, string key)
        : base(targetType) => _key = key;

    public override bool TryGetValue(object target, out ContextValue value)
    {
        if (((JsonObject)target).TryGetPropertyValue(_key, out var found))
        {
            value = new ContextValue(found);
            return true;
        }

        value = default;
        return false;
    }
}
