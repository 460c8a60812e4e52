namespace ExperimentsSample;

/// <summary>Plays two models of different skill: what each one answers, by country, deterministically.</summary>
/// <remarks>
/// The large model knows every capital. The small one confuses fifteen capitals with their country's best-known city,
/// the classic mistake. Both answer in a sentence unless the prompt asks for the city only, so the prompt's wording
/// moves the scores as well.
/// </remarks>
internal static class Atlas
{
    private static readonly Dictionary<string, (string Capital, string? Confused)> Countries = new(StringComparer.Ordinal)
    {
        ["France"] = ("Paris", null),
        ["Germany"] = ("Berlin", null),
        ["Italy"] = ("Rome", null),
        ["Spain"] = ("Madrid", null),
        ["Portugal"] = ("Lisbon", null),
        ["Australia"] = ("Canberra", "Sydney"),
        ["Canada"] = ("Ottawa", "Toronto"),
        ["Turkey"] = ("Ankara", "Istanbul"),
        ["Brazil"] = ("Brasília", "Rio de Janeiro"),
        ["Switzerland"] = ("Bern", "Zurich"),
        ["Nigeria"] = ("Abuja", "Lagos"),
        ["Pakistan"] = ("Islamabad", "Karachi"),
        ["Morocco"] = ("Rabat", "Casablanca"),
        ["Vietnam"] = ("Hanoi", "Ho Chi Minh City"),
        ["New Zealand"] = ("Wellington", "Auckland"),
        ["Tanzania"] = ("Dodoma", "Dar es Salaam"),
        ["Myanmar"] = ("Naypyidaw", "Yangon"),
        ["Kazakhstan"] = ("Astana", "Almaty"),
        ["Ivory Coast"] = ("Yamoussoukro", "Abidjan"),
        ["Sri Lanka"] = ("Sri Jayawardenepura Kotte", "Colombo"),
        ["Japan"] = ("Tokyo", null),
        ["China"] = ("Beijing", null),
        ["India"] = ("New Delhi", null),
        ["Egypt"] = ("Cairo", null),
        ["Kenya"] = ("Nairobi", null),
        ["Argentina"] = ("Buenos Aires", null),
        ["Chile"] = ("Santiago", null),
        ["Peru"] = ("Lima", null),
        ["Mexico"] = ("Mexico City", null),
        ["Norway"] = ("Oslo", null),
        ["Sweden"] = ("Stockholm", null),
        ["Finland"] = ("Helsinki", null),
        ["Denmark"] = ("Copenhagen", null),
        ["Poland"] = ("Warsaw", null),
        ["Austria"] = ("Vienna", null),
        ["Greece"] = ("Athens", null),
        ["Ireland"] = ("Dublin", null),
        ["Netherlands"] = ("Amsterdam", null),
        ["Belgium"] = ("Brussels", null),
        ["Hungary"] = ("Budapest", null),
        ["Czech Republic"] = ("Prague", null),
        ["Romania"] = ("Bucharest", null),
        ["Ukraine"] = ("Kyiv", null),
        ["Thailand"] = ("Bangkok", null),
        ["Indonesia"] = ("Jakarta", null),
        ["South Korea"] = ("Seoul", null),
        ["Philippines"] = ("Manila", null),
        ["Colombia"] = ("Bogotá", null),
        ["Venezuela"] = ("Caracas", null),
        ["Cuba"] = ("Havana", null),
        ["Iceland"] = ("Reykjavík", null),
        ["Mongolia"] = ("Ulaanbaatar", null),
        ["Ghana"] = ("Accra", null),
        ["Ethiopia"] = ("Addis Ababa", null),
        ["Saudi Arabia"] = ("Riyadh", null),
    };

    public static string Large(IReadOnlyList<ChatMessage> messages, ChatOptions? options) => Answer(messages, knowsEverything: true);

    public static string Small(IReadOnlyList<ChatMessage> messages, ChatOptions? options) => Answer(messages, knowsEverything: false);

    private static string Answer(IReadOnlyList<ChatMessage> messages, bool knowsEverything)
    {
        var question = messages[^1].Text; // "What is the capital of {country}?"
        var start = question.IndexOf("capital of ", StringComparison.Ordinal) + "capital of ".Length;
        var country = question[start..].TrimEnd('?');
        if (!Countries.TryGetValue(country, out var entry))
        {
            return "I do not know that country.";
        }

        var city = knowsEverything || entry.Confused is null ? entry.Capital : entry.Confused;
        var cityOnly = messages.Any(static m => m.Role == ChatRole.System && m.Text.Contains("city only", StringComparison.Ordinal));
        return cityOnly ? city : $"The capital of {country} is {city}.";
    }
}
