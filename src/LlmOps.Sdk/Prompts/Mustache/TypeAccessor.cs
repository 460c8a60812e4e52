using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Knows how to read names from instances of one type; one per type, built on first use and kept.</summary>
/// <remarks>
/// Member accessors are compiled delegates created once per type and name, so rendering never reflects. Thread-safe.
/// </remarks>
internal sealed class TypeAccessor
{
    /// <summary>What reading members needs kept: the trimmer keeps these for types passed where this is required.</summary>
    public const DynamicallyAccessedMemberTypes ReadMembers =
        DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields;

    private static readonly ConcurrentDictionary<Type, TypeAccessor> Cache = new();

    private readonly Type _type;
    private readonly SourceKind _kind;
    private readonly ConcurrentDictionary<string, MemberAccessor> _members = new(StringComparer.Ordinal);

    // Null when the members cannot be read safely: native AOT, and a type that no generic overload named.
    [DynamicallyAccessedMembers(ReadMembers)]
    private readonly Type? _readable;

    private TypeAccessor(Type type, [DynamicallyAccessedMembers(ReadMembers)] Type? readable)
    {
        _type = type;
        _readable = readable;
        _kind = type switch
        {
            _ when typeof(JsonObject).IsAssignableFrom(type) => SourceKind.JsonObject,
            _ when typeof(IDictionary<string, object?>).IsAssignableFrom(type) => SourceKind.Dictionary,
            _ when typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type) => SourceKind.ReadOnlyDictionary,
            _ when typeof(IDictionary).IsAssignableFrom(type) => SourceKind.NonGenericDictionary,
            _ => SourceKind.Members,
        };
    }

    private enum SourceKind
    {
        Members,
        Dictionary,
        ReadOnlyDictionary,
        NonGenericDictionary,
        JsonObject,
    }

    /// <summary>Gets whether names can be read from instances: always, except members under native AOT (see <see cref="ForRuntimeType"/>).</summary>
    public bool CanRead => _readable is not null || _kind != SourceKind.Members;

    /// <summary>Gets the accessor of a type named at compile time, whose public members the trimmer therefore keeps.</summary>
    public static TypeAccessor For([DynamicallyAccessedMembers(ReadMembers)] Type type)
    {
        if (Cache.TryGetValue(type, out var known) && known.CanRead)
        {
            return known;
        }

        // Replaces an accessor made for the runtime type under native AOT, which could not read members.
        var created = new TypeAccessor(type, type);
        Cache[type] = created;
        return created;
    }

    /// <summary>Gets the accessor of a value's runtime type, which the trimmer cannot see.</summary>
    /// <remarks>
    /// Under native AOT a type of members is readable only when a generic overload named it before (see
    /// <see cref="For"/>); otherwise its accessors find nothing and the renderer reports the value as unreadable.
    /// </remarks>
    public static TypeAccessor ForRuntimeType(Type type) =>
        Cache.TryGetValue(type, out var known) ? known : Cache.GetOrAdd(type, static t => CreateForRuntimeType(t));

    private static TypeAccessor CreateForRuntimeType(Type type) =>
        new(type, RuntimeFeature.IsDynamicCodeSupported ? AssumeMembersKept(type) : null);

    [UnconditionalSuppressMessage("Trimming", "IL2068:Return value does not satisfy annotation", Justification =
        "Reached only with dynamic code, so never under native AOT, where unreadable values fail with a clear error. " +
        "In a trimmed JIT app a removed member reads as missing, and strict mode reports the variable by name.")]
    [return: DynamicallyAccessedMembers(ReadMembers)]
    private static Type AssumeMembersKept(Type type) => type;

    public MemberAccessor GetMember(string name) => _members.GetOrAdd(name, static (n, self) => self.Create(n), this);

    /// <summary>Lists the names an instance offers, for the "did you mean" part of an error message.</summary>
    public static IEnumerable<string> NamesOf(ContextValue value)
    {
        if (value.IsJson)
        {
            if (value.Json.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in value.Json.EnumerateObject())
                {
                    yield return property.Name;
                }
            }

            yield break;
        }

        switch (value.Object)
        {
            case null:
                yield break;
            case JsonObject json:
                foreach (var (key, _) in json)
                {
                    yield return key;
                }

                yield break;
            case IDictionary<string, object?> dictionary:
                foreach (var key in dictionary.Keys)
                {
                    yield return key;
                }

                yield break;
            case IReadOnlyDictionary<string, object?> dictionary:
                foreach (var key in dictionary.Keys)
                {
                    yield return key;
                }

                yield break;
            case IDictionary dictionary:
                foreach (var key in dictionary.Keys)
                {
                    if (key is string name)
                    {
                        yield return name;
                    }
                }

                yield break;
            case string or JsonNode:
                yield break; // their own properties (Length, Parent, …) are not what a prompt author means
            case object other when ForRuntimeType(other.GetType())._readable is { } readable:
                foreach (var member in ReadableMembers(readable))
                {
                    yield return member.Name;
                }

                yield break;
        }
    }

    private MemberAccessor Create(string name) => _kind switch
    {
        SourceKind.Dictionary => new DictionaryMemberAccessor(_type, name),
        SourceKind.ReadOnlyDictionary => new ReadOnlyDictionaryMemberAccessor(_type, name),
        SourceKind.NonGenericDictionary => new NonGenericDictionaryMemberAccessor(_type, name),
        SourceKind.JsonObject => new JsonObjectMemberAccessor(_type, name),
        _ => CreateGetter(name),
    };

    private MemberAccessor CreateGetter(string name)
    {
        if (_readable is null)
        {
            return new UnreadableMemberAccessor(_type, name);
        }

        MemberInfo? member = null;
        foreach (var candidate in ReadableMembers(_readable))
        {
            if (candidate.Name == name)
            {
                member = candidate; // ReadableMembers lists the most derived declaration first
                break;
            }
        }

        if (member is null)
        {
            return new MissingMemberAccessor(_type);
        }

        if (!RuntimeFeature.IsDynamicCodeCompiled)
        {
            return new ReflectionMemberAccessor(_type, member); // no JIT (native AOT, interpreters): slower, but correct
        }

        var valueType = member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;
        var target = Expression.Parameter(typeof(object), "target");
        var body = Expression.MakeMemberAccess(Expression.Convert(target, _type), member);
        if (valueType == typeof(string))
        {
            return new StringMemberAccessor(_type, Expression.Lambda<Func<object, string?>>(body, target).Compile());
        }

        var getter = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(object), valueType), body, target).Compile();
        var accessorType = typeof(MemberGetterAccessor<>).MakeGenericType(valueType);
        return (MemberAccessor)Activator.CreateInstance(accessorType, _type, getter)!; // the constructor exists: (Type, Func<object, TValue>)
    }

    private static List<MemberInfo> ReadableMembers([DynamicallyAccessedMembers(ReadMembers)] Type type)
    {
        // Inherited members come too, so the trimmer's view of the type is all that is read (no walk up BaseType).
        // Sorted by declaring type, most derived first, so that a member hidden with 'new' comes after the one hiding it.
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance;
        var members = new List<(int Depth, int Order, MemberInfo Member)>();
        foreach (var property in type.GetProperties(Flags))
        {
            if (property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0 &&
                IsUsableValueType(property.PropertyType))
            {
                members.Add((Depth(type, property.DeclaringType), 0, property));
            }
        }

        foreach (var field in type.GetFields(Flags))
        {
            if (IsUsableValueType(field.FieldType))
            {
                members.Add((Depth(type, field.DeclaringType), 1, field));
            }
        }

        // OrderBy is stable: on each level, properties before fields, each in declared order, as before.
        return [.. members.OrderBy(static m => m.Depth).ThenBy(static m => m.Order).Select(static m => m.Member)];
    }

    private static int Depth(Type type, Type? declaringType)
    {
        var depth = 0;
        for (var current = type; current is not null && current != declaringType; current = current.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static bool IsUsableValueType(Type type) => !type.IsByRefLike && !type.IsPointer && !type.IsByRef;
}
