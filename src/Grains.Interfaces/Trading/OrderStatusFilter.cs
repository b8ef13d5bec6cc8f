namespace Crucible.Grains.Interfaces.Trading;

[GenerateSerializer, Alias("crucible.OrderStatusFilter")]
public enum OrderStatusFilter
{
    Open = 0,
    Closed = 1,
    All = 2,
}
