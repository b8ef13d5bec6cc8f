namespace Crucible.Grains.Interfaces.Markets;

[GenerateSerializer, Alias("crucible.BarInterval")]
public enum BarInterval
{
    OneSecond = 0,
    OneMinute = 1,
}
