using System.Reflection;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Reads a public property or field through reflection, where code cannot be compiled at run time.</summary>
internal sealed class ReflectionMemberAccessor : MemberAccessor
{
    private readonly MemberInfo _member;

    public ReflectionMemberAccessor(Type targetType, MemberInfo member)
        : base(targetType) => _member = member;

    public override bool TryGetValue(object target, out ContextValue value)
    {
        value = new ContextValue(_member is PropertyInfo property ? property.GetValue(target) : ((FieldInfo)_member).GetValue(target));
        return true;
    }
}
