using System.Collections;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Reads one key of any other dictionary, such as a <c>Dictionary&lt;string, string&gt;</c>, through <see cref="IDictionary"/>.</summary>
internal sealed class NonGenericDictionaryMemberAccessor : MemberAccessor
{
    private readonly string _key;

    public NonGenericDictionaryMemberAccessor(Type targetType, string key)
        : base(targetType) => _key = key;

    public override bool TryGetValue(object target, out ContextValue value)
    {
        var dictionary = (IDictionary)target;
        if (dictionary.Contains(_key))
        {
            value = new ContextValue(dictionary[_key]);
            return true;
        }

        value = default;
        return false;
    }
}
