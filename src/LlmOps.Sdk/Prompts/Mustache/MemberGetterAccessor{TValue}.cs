namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Reads a public property or field through a compiled delegate, writing value types without boxing them.</summary>
internal sealed class MemberGetterAccessor<TValue> : MemberAccessor
{
    private readonly Func<object, TValue> _getter;

    public MemberGetterAccessor(Type targetType, Func<object, TValue> getter)
        : base(targetType) => _getter = getter;

    public override bool TryGetValue(object target, out ContextValue value)
    {
        value = ContextValue.From(_getter(target));
        return true;
    }

    public override bool TryWrite(object target, ref OutputBuffer output, bool htmlEscape)
    {
        ValueWriter.WriteValue(_getter(target), ref output, htmlEscape);
        return true;
    }
}
