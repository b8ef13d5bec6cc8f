using Orleans.Core.Internal;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// Deactivates a grain and waits until it stays gone, so nothing sent afterwards (a tick through the market dispatcher)
/// can reach it before the test's next call. A message already on its way when it deactivated (a dispatcher delivery)
/// may activate it again at once: then it is asked again.
/// </summary>
internal static class Deactivation
{
    public static async Task DeactivateAsync(IClusterClient client, IGrain grain)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        for (var round = 0; round < 10; round++)
        {
            await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            for (var poll = 0; poll < 100; poll++)
            {
                if (await management.GetActivationAddress(grain) is null)
                {
                    await Task.Delay(50);
                    if (await management.GetActivationAddress(grain) is null) return;
                    break;
                }
                await Task.Delay(20);
            }
        }
        throw new TimeoutException($"{grain} was still active after ten requests to deactivate");
    }
}
