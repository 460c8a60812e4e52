namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Reads a public <see cref="string"/> property or field, the most common kind of prompt variable, without generic indirection.</summary>
internal sealed class StringMemberAccessor : MemberAccessor
{
    private readonly Func<object, string?> _getter;

    public StringMemberAccessor(Type targetType, Func<object, string?> getter)
        : base(targetType) => _getter = getter;

    public override bool TryGetValue(object target, out ContextValue value)
    {
        value = new ContextValue(_getter(target));
        return true;
    }

    public override bool TryWrite(object target, ref OutputBuffer output, bool htmlEscape)
    {
        if (_getter(target) is { } text)
        {
            output.AppendText(text, htmlEscape);
        }

        return true;
    }
}
