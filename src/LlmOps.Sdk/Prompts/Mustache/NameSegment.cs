using System.Runtime.CompilerServices;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>One segment of a dotted name, with an inline cache of the accessors for the last types it was read from.</summary>
/// <remarks>
/// Thread-safe without locks: each slot is one reference, written atomically, and a reader that sees a stale or empty
/// slot only falls back to the shared <see cref="TypeAccessor"/> cache. Four slots, because a name inside a section is
/// usually tried on the item's type and then on the variables' type.
/// </remarks>
internal sealed class NameSegment
{
    private MemberAccessor? _slot0;
    private MemberAccessor? _slot1;
    private MemberAccessor? _slot2;
    private MemberAccessor? _slot3;
    private int _nextSlot;

    public NameSegment(string name) => Name = name;

    public string Name { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemberAccessor GetAccessor(Type type)
    {
        // Read each slot once into a local: another thread may replace it between the test and the use.
        var accessor = _slot0;
        return accessor is not null && ReferenceEquals(accessor.TargetType, type) ? accessor : GetAccessorSlow(type);
    }

    private MemberAccessor GetAccessorSlow(Type type)
    {
        var accessor = _slot1;
        if (accessor is not null && ReferenceEquals(accessor.TargetType, type))
        {
            return accessor;
        }

        accessor = _slot2;
        if (accessor is not null && ReferenceEquals(accessor.TargetType, type))
        {
            return accessor;
        }

        accessor = _slot3;
        if (accessor is not null && ReferenceEquals(accessor.TargetType, type))
        {
            return accessor;
        }

        return Miss(type);
    }

    private MemberAccessor Miss(Type type)
    {
        var accessor = TypeAccessor.ForRuntimeType(type).GetMember(Name);
        var slot = _nextSlot; // a lost update between threads only overwrites another slot
        _nextSlot = slot + 1;
        switch (slot & 3)
        {
            case 0:
                _slot0 = accessor;
                break;
            case 1:
                _slot1 = accessor;
                break;
            case 2:
                _slot2 = accessor;
                break;
            default:
                _slot3 = accessor;
                break;
        }

        return accessor;
    }
}
