using System.Diagnostics.CodeAnalysis;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Makes the members of <typeparamref name="T"/> readable by the renderer, once per type, for the generic overloads.</summary>
/// <remarks>
/// The annotation tells the trimmer to keep <typeparamref name="T"/>'s public properties and fields, so reading them is
/// safe under trimming and native AOT. A static field makes every later call cost a field read.
/// </remarks>
/// <typeparam name="T">The variables' type, as the caller's code names it.</typeparam>
internal static class TypeRegistration<[DynamicallyAccessedMembers(TypeAccessor.ReadMembers)] T>
{
    private static readonly TypeAccessor Accessor = TypeAccessor.For(typeof(T));

    /// <summary>Registers <typeparamref name="T"/>; the work is done by the static initializer, once.</summary>
    public static void Ensure() => GC.KeepAlive(Accessor);
}
