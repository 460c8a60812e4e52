namespace WebApi;

/// <summary>The body of <c>POST /support</c>.</summary>
/// <param name="Customer">The customer's first name.</param>
/// <param name="Question">What the customer asks.</param>
public sealed record SupportRequest(string Customer, string Question);
