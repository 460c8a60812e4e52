namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Reads one named member from instances of one type; built once per type and name, then cached.</summary>
internal abstract class MemberAccessor
{
    protected MemberAccessor(Type targetType) => TargetType = targetType;

    /// <summary>Gets the exact runtime type this accessor reads from.</summary>
    public Type TargetType { get; }

    /// <summary>Reads the member; <see langword="false"/> when the instance has no such member or key.</summary>
    public abstract bool TryGetValue(object target, out ContextValue value);

    /// <summary>Writes the member's value to <paramref name="output"/>; <see langword="false"/> when there is no such member.</summary>
    public virtual bool TryWrite(object target, ref OutputBuffer output, bool htmlEscape)
    {
        if (!TryGetValue(target, out var value))
        {
            return false;
        }

        ValueWriter.Write(value, ref output, htmlEscape);
        return true;
    }
}
