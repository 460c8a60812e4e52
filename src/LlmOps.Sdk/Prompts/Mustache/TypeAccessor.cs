using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmOps.Sdk.Prompts.Mustache;

/// <summary>Knows how to read names from instances of one type; one per type, built on first use and kept.</summary>
/// <remarks>
/// Member accessors are compiled delegates created once per type and name, so rendering never reflects. Thread-safe.
/// </remarks>
internal sealed class TypeAccessor
{
    private static readonly ConcurrentDictionary<Type, TypeAccessor> Cache = new();

    private readonly Type _type;
    private readonly SourceKind _kind;
    private readonly ConcurrentDictionary<string, MemberAccessor> _members = new(StringComparer.Ordinal);

    private TypeAccessor(Type type)
    {
        _type = type;
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

    public static TypeAccessor For(Type type) => Cache.GetOrAdd(type, static t => new TypeAccessor(t));

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
            case object other:
                foreach (var member in ReadableMembers(other.GetType()))
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
        MemberInfo? member = null;
        foreach (var candidate in ReadableMembers(_type))
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

        var valueType = member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;
        var target = Expression.Parameter(typeof(object), "target");
        var body = Expression.MakeMemberAccess(Expression.Convert(target, _type), member);
        var getter = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(object), valueType), body, target).Compile();
        var accessorType = typeof(MemberGetterAccessor<>).MakeGenericType(valueType);
        return (MemberAccessor)Activator.CreateInstance(accessorType, _type, getter)!; // the constructor exists: (Type, Func<object, TValue>)
    }

    private static IEnumerable<MemberInfo> ReadableMembers(Type type)
    {
        // Walking up the hierarchy lists a member hidden with 'new' after the one that hides it.
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (var property in current.GetProperties(Flags))
            {
                if (property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0 &&
                    IsUsableValueType(property.PropertyType))
                {
                    yield return property;
                }
            }

            foreach (var field in current.GetFields(Flags))
            {
                if (IsUsableValueType(field.FieldType))
                {
                    yield return field;
                }
            }
        }
    }

    private static bool IsUsableValueType(Type type) => !type.IsByRefLike && !type.IsPointer && !type.IsByRef;
}
