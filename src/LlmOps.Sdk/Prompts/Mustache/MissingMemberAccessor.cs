namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Stands for a name that a type does not have, so that misses are cached like hits.</summary>
internal sealed class MissingMemberAccessor : MemberAccessor
{
    public MissingMemberAccessor(Type targetType)
        : base(targetType)
    {
    }

    public override bool TryGetValue(object target, out ContextValue value)
    {
        value = default;
        return false;
    }

    public override bool TryWrite(object target, ref OutputBuffer output, bool htmlEscape) => false;
}
