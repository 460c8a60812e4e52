using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using LlmOps.Sdk.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace LlmOps.Sdk.Tests.Resilience;

public sealed class TransientFaultClassifierTests
{
    private readonly TransientFaultClassifier _classifier = new(custom: null, new FakeTimeProvider());

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    [InlineData(501, false)]
    public void Classify_ClientResultStatus_TransientOnlyForRetryableStatuses(int status, bool transient)
    {
        var fault = _classifier.Classify(new ClientResultException(new FakePipelineResponse(status)));

        Assert.Equal(transient, fault.IsTransient);
        Assert.Equal($"http_{status}", fault.Reason);
        Assert.Equal(status, fault.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public void Classify_HttpRequestExceptionWithStatus_FollowsTheStatus(HttpStatusCode status, bool transient)
    {
        var fault = _classifier.Classify(new HttpRequestException("failed", null, status));

        Assert.Equal(transient, fault.IsTransient);
    }

    public static TheoryData<Exception> NetworkFailures =>
    [
        new HttpRequestException("connection refused"),
        new IOException("The response ended prematurely."),
        new SocketException((int)SocketError.ConnectionReset),
        new ClientResultException("transport failed", response: null, new HttpRequestException("reset")),
    ];

    [Theory]
    [MemberData(nameof(NetworkFailures))]
    public void Classify_NetworkFailure_IsTransient(Exception exception)
    {
        var fault = _classifier.Classify(exception);

        Assert.True(fault.IsTransient, $"{exception.GetType().Name} should be transient");
        Assert.Equal("network", fault.Reason);
    }

    public static TheoryData<Exception> Timeouts =>
    [
        new TimeoutRejectedException(),
        new TimeoutException(),
        new TaskCanceledException("HttpClient.Timeout elapsed", new TimeoutException()),
    ];

    [Theory]
    [MemberData(nameof(Timeouts))]
    public void Classify_Timeout_IsTransient(Exception exception)
    {
        var fault = _classifier.Classify(exception);

        Assert.True(fault.IsTransient);
        Assert.Equal("timeout", fault.Reason);
    }

    [Fact]
    public void Classify_PlainCancellation_IsNotTransient()
    {
        var fault = _classifier.Classify(new OperationCanceledException());

        Assert.False(fault.IsTransient);
        Assert.Equal("cancelled", fault.Reason);
    }

    [Fact]
    public void Classify_BrokenCircuit_IsNotRetried()
    {
        var fault = _classifier.Classify(new BrokenCircuitException());

        Assert.False(fault.IsTransient);
        Assert.Equal("circuit_open", fault.Reason);
    }

    [Fact]
    public void Classify_QuotaExhausted429_IsNotTransient()
    {
        const string Body = """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}""";

        var fault = _classifier.Classify(new ClientResultException(new FakePipelineResponse(429, Body)));

        Assert.False(fault.IsTransient);
        Assert.Equal("quota_exceeded", fault.Reason);
    }

    [Fact]
    public void Classify_ContentFilterRefusal_IsNotTransient()
    {
        const string Body = """{"error":{"message":"The response was filtered.","code":"content_filter","status":400}}""";

        var fault = _classifier.Classify(new ClientResultException(new FakePipelineResponse(400, Body)));

        Assert.False(fault.IsTransient);
    }

    [Fact]
    public void Classify_UnknownException_IsNotTransient()
    {
        Assert.False(_classifier.Classify(new InvalidOperationException()).IsTransient);
    }

    [Fact]
    public void Classify_CustomClassifier_DecidesFirst()
    {
        var classifier = new TransientFaultClassifier(
            e => e is InvalidOperationException ? true : e is ClientResultException ? false : null, new FakeTimeProvider());

        Assert.True(classifier.IsTransient(new InvalidOperationException()));
        Assert.False(classifier.IsTransient(new ClientResultException(new FakePipelineResponse(503))));
        Assert.True(classifier.IsTransient(new TimeoutException()));
    }

    [Fact]
    public void Classify_CustomClassifierSaysTransient_CancellationStaysPermanent()
    {
        var classifier = new TransientFaultClassifier(static _ => true, new FakeTimeProvider());

        Assert.False(classifier.IsTransient(new OperationCanceledException()));
    }

    [Fact]
    public void Classify_RetryAfterSeconds_IsRead()
    {
        var response = new FakePipelineResponse(429, "{}", ("Retry-After", "12"));

        var fault = _classifier.Classify(new ClientResultException(response));

        Assert.Equal(TimeSpan.FromSeconds(12), fault.RetryAfter);
    }
}
