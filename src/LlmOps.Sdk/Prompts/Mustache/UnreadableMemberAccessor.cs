namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Stands for a member of a type whose members cannot be read under native AOT, because no generic overload named it.</summary>
/// <remarks>
/// Finds nothing, so the renderer reports the value as unreadable, until a generic overload names the type; then it
/// reads through that type's accessor, so that a cached miss does not outlive the reason for it.
/// </remarks>
internal sealed class UnreadableMemberAccessor : MemberAccessor
{
    private readonly string _name;

    public UnreadableMemberAccessor(Type targetType, string name)
        : base(targetType) => _name = name;

    public override bool TryGetValue(object target, out ContextValue value)
    {
        var accessor = TypeAccessor.ForRuntimeType(TargetType);
        if (accessor.CanRead)
        {
            return accessor.GetMember(_name).TryGetValue(target, out value);
        }

        value = default;
        return false;
    }
}
