namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Reads one key of an <see cref="IDictionary{TKey, TValue}"/> of <see cref="string"/> to <see cref="object"/>.</summary>
internal sealed class DictionaryMemberAccessor : MemberAccessor
{
    private readonly string _key;

    public DictionaryMemberAccessor(Type targetType, string key)
        : base(targetType) => _key = key;

    public override bool TryGetValue(object target, out ContextValue value)
    {
        if (((IDictionary<string, object?>)target).TryGetValue(_key, out var found))
        {
            value = new ContextValue(found);
            return true;
        }

        value = default;
        return false;
    }
}
