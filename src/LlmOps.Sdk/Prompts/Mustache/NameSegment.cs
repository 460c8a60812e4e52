namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>One segment of a dotted name, with an inline cache of the accessors for the last types it was read from.</summary>
/// <remarks>
/// Thread-safe without locks: cache slots are single references, written atomically, and a reader that sees a stale or
/// empty slot only falls back to the shared <see cref="TypeAccessor"/> cache.
/// </remarks>
internal sealed class NameSegment
{
    private const int CacheSize = 4;
    private readonly MemberAccessor?[] _cache = new MemberAccessor?[CacheSize];
    private int _nextSlot;

    public NameSegment(string name) => Name = name;

    public string Name { get; }

    public MemberAccessor GetAccessor(Type type)
    {
        var cache = _cache;
        for (var i = 0; i < cache.Length; i++)
        {
            var accessor = cache[i];
            if (accessor is not null && ReferenceEquals(accessor.TargetType, type))
            {
                return accessor;
            }
        }

        return Miss(type);
    }

    private MemberAccessor Miss(Type type)
    {
        var accessor = TypeAccessor.For(type).GetMember(Name);
        var slot = _nextSlot; // a lost update between threads only overwrites another slot
        _cache[slot & (CacheSize - 1)] = accessor;
        _nextSlot = slot + 1;
        return accessor;
    }
}
