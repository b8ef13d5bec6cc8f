using Orleans.Core.Internal;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// Deactivates a grain and waits until its activation is gone, so nothing sent afterwards (a tick through the market
/// dispatcher) can still reach the old activation.
/// </summary>
internal static class Deactivation
{
    public static async Task DeactivateAsync(IClusterClient client, IGrain grain)
    {
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var management = client.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (await management.GetActivationAddress(grain) is null) return;
            await Task.Delay(10);
        }
        throw new TimeoutException($"{grain} was still active 5 s after it was asked to deactivate");
    }
}
