namespace Crucible.Grains.Interfaces.Trading;

/// <summary>Why a request was refused: the code, the request field at fault (camelCase, when one is) and a message.</summary>
[GenerateSerializer, Immutable, Alias("crucible.OrderError")]
public sealed record OrderError(
    [property: Id(0)] OrderErrorCode Code,
    [property: Id(1)] string? Field,
    [property: Id(2)] string Message);
