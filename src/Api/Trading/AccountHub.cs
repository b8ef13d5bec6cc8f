using Crucible.Api.Alerts;
using Crucible.Api.Identity;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Crucible.Api.Trading;

/// <summary>
/// Live account events at <c>/hubs/accounts</c>. <c>Subscribe(accountId)</c> returns the account's state and its
/// sequence number; <c>Order</c>, <c>Fill</c>, <c>Position</c> and <c>Account</c> messages follow. Only a signed-in user
/// connects (the token in <c>access_token</c>), and follows only accounts they may read: their own, or any as an evaluator or admin.
/// Every connection also receives the firings of its user's own price alerts (<c>Alert</c>, docs/alerts.md), without asking.
/// </summary>
[Authorize]
public sealed class AccountHub(AccountEventBridge bridge, AlertEventBridge alerts, IClusterClient cluster, ResourceAccess access) : Hub<IAccountClient>
{
    public static string GroupOf(string accountId) => "account:" + accountId;

    public async Task<AccountState> Subscribe(string? accountId)
    {
        if (!AccountId.IsValid(accountId))
            throw new HubException($"accountId: '{accountId}' is not an account id.");
        // A stranger's account reads as an unknown one, so ids cannot be probed; no group is joined.
        var book = cluster.GetGrain<IPositionBookGrain>(accountId!);
        if (await access.AccountAsync(Context.User!, accountId!) == Access.Hidden || await book.GetAccountAsync() is null)
            throw new HubException($"accountId: no account has the id '{accountId}' that you may follow.");

        // Follow the stream before reading the state, so nothing published in between is lost: the client
        // drops events at or below the state's sequence.
        if (bridge.Track(Context.ConnectionId, accountId!))
        {
            try
            {
                await bridge.AcquireAsync(accountId!);
            }
            catch
            {
                bridge.Untrack(Context.ConnectionId, accountId!);
                throw;
            }
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(accountId!));
        }
        return (await book.GetStateAsync())!;
    }

    public async Task Unsubscribe(string? accountId)
    {
        if (accountId is null || !bridge.Untrack(Context.ConnectionId, accountId))
            return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(accountId));
        await bridge.ReleaseAsync(accountId);
    }

    public override async Task OnConnectedAsync()
    {
        // A user's own alerts only: the group is named by the caller's token, never by an argument.
        if (Context.User?.UserId() is not { } userId)
            return;
        await Groups.AddToGroupAsync(Context.ConnectionId, AlertEventBridge.GroupOf(userId));
        await alerts.ConnectAsync(Context.ConnectionId, userId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await alerts.DisconnectAsync(Context.ConnectionId);
        foreach (var accountId in bridge.UntrackConnection(Context.ConnectionId))
            await bridge.ReleaseAsync(accountId);
    }
}
