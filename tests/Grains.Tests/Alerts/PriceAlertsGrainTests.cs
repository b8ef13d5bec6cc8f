using System.Collections.Concurrent;
using Crucible.Grains.Interfaces.Alerts;
using Crucible.Grains.Interfaces.Markets;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.Streams;

namespace Crucible.Grains.Tests.Alerts;

/// <summary>
/// The alerts grain in a silo: quotes ingested into a feed reach it through the market dispatcher, it fires on the quote
/// named in each test (hand-checked), publishes each firing once on the user's alert stream, and keeps its alerts across
/// activations. "Nothing happened" is shown with a sentinel: a second alert that fires on a later quote of the same symbol,
/// so by the time it has fired every earlier quote has been evaluated (the grain takes a symbol's quotes in order).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PriceAlertsGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly ConcurrentDictionary<string, int> Clocks = new();

    private IPriceAlertsGrain Alerts(string userId) => fixture.Client.GetGrain<IPriceAlertsGrain>(userId);

    private async Task<Quote> QuoteAsync(string symbol, decimal bid, decimal ask)
    {
        var second = Clocks.AddOrUpdate(symbol, 1, (_, n) => n + 1);
        return await fixture.Client.GetGrain<IInstrumentFeedGrain>(symbol).IngestAsync(new MarketTick(T0.AddSeconds(second), bid, ask, (bid + ask) / 2, 1));
    }

    private static NewPriceAlert Alert(string symbol, PriceAlertCondition condition, decimal level, PriceAlertSource source = PriceAlertSource.Mid) =>
        new(symbol, condition, source, level);

    private async Task<ConcurrentQueue<PriceAlertFired>> ListenAsync(string userId)
    {
        var received = new ConcurrentQueue<PriceAlertFired>();
        await fixture.Client.GetStreamProvider(MarketStreams.Provider).GetStream<PriceAlertFired>(AlertStreams.EventStream(userId))
            .SubscribeAsync((e, _) => { received.Enqueue(e); return Task.CompletedTask; });
        return received;
    }

    private static async Task<PriceAlert> FiredAsync(IPriceAlertsGrain grain, string alertId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var alert = await grain.GetAsync(alertId);
            if (alert?.State == PriceAlertState.Fired) return alert;
            Assert.True(DateTime.UtcNow < deadline, $"alert {alertId} did not fire");
            await Task.Delay(25);
        }
    }

    private static async Task ReceivedAsync(ConcurrentQueue<PriceAlertFired> received, string alertId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!received.Any(e => e.Alert.Id == alertId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the firing of {alertId} was not published");
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Crosses_up_fires_on_the_first_quote_at_or_above_the_level_after_one_below_and_is_published_once()
    {
        const string symbol = "T-ALERT-X";
        var user = "alerts-cross";
        var grain = Alerts(user);
        var received = await ListenAsync(user);
        await QuoteAsync(symbol, 100.99m, 101.01m);                         // mid 101.00: above, the start
        var cross = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.CrossesUp, 100.00m), T0)).Alert!;
        Assert.Equal(PriceAlertState.Armed, cross.State);

        await QuoteAsync(symbol, 100.49m, 100.51m);                         // mid 100.50: above, but nothing below yet
        await QuoteAsync(symbol, 99.89m, 99.91m);                           // mid 99.90: below
        var firing = await QuoteAsync(symbol, 99.99m, 100.01m);             // mid 100.00: at the level after below, fires
        await QuoteAsync(symbol, 101.99m, 102.01m);
        await QuoteAsync(symbol, 98.99m, 99.01m);
        await QuoteAsync(symbol, 100.99m, 101.01m);                         // crosses up again: a fired alert stays fired

        var fired = await FiredAsync(grain, cross.Id);
        Assert.Equal(new PriceAlertTrigger(100.00m, 99.99m, 100.01m, firing.Sequence, firing.Time), fired.Trigger);
        Assert.Equal(firing.Time, fired.FiredAt);
        await ReceivedAsync(received, cross.Id);

        // A sentinel on a later quote shows the last quotes were evaluated: still one firing of the cross, one event.
        var sentinel = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.Above, 150m), T0)).Alert!;
        await QuoteAsync(symbol, 150m, 150m);
        await FiredAsync(grain, sentinel.Id);
        await ReceivedAsync(received, sentinel.Id);
        Assert.Equal(firing.Sequence, (await grain.GetAsync(cross.Id))!.Trigger!.Sequence);
        Assert.Single(received, e => e.Alert.Id == cross.Id);
        Assert.Equal([1L, 2L], received.Select(e => e.Sequence).Order());
    }

    [Fact]
    public async Task Bid_and_ask_alerts_fire_on_their_own_side_of_the_same_quotes()
    {
        const string symbol = "T-ALERT-F";
        var grain = Alerts("alerts-sides");
        await QuoteAsync(symbol, 98.00m, 98.02m);
        var onBid = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.Above, 100.00m, PriceAlertSource.Bid), T0)).Alert!;
        var onAsk = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.Above, 100.00m, PriceAlertSource.Ask), T0)).Alert!;

        var first = await QuoteAsync(symbol, 99.99m, 100.01m);   // the ask reaches 100.00, the bid does not
        var second = await QuoteAsync(symbol, 100.00m, 100.02m); // now the bid does

        Assert.Equal((first.Sequence, 100.01m), ((await FiredAsync(grain, onAsk.Id)).Trigger!.Sequence, (await grain.GetAsync(onAsk.Id))!.Trigger!.Price));
        Assert.Equal((second.Sequence, 100.00m), ((await FiredAsync(grain, onBid.Id)).Trigger!.Sequence, (await grain.GetAsync(onBid.Id))!.Trigger!.Price));
    }

    [Fact]
    public async Task A_deleted_alert_never_fires_and_the_grain_stops_following_a_symbol_with_nothing_armed()
    {
        const string symbol = "T-ALERT-D";
        var user = "alerts-delete";
        var grain = Alerts(user);
        var received = await ListenAsync(user);
        await QuoteAsync(symbol, 10.00m, 10.00m);
        var deleted = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.Below, 9.00m), T0)).Alert!;
        var sentinel = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.Below, 8.00m), T0)).Alert!;
        var followers = fixture.Dispatcher.FollowerCount(symbol);
        Assert.True(followers >= 1);

        Assert.True(await grain.DeleteAsync(deleted.Id));
        Assert.False(await grain.DeleteAsync(deleted.Id));
        await QuoteAsync(symbol, 8.50m, 8.50m);                  // would have fired the deleted alert
        await QuoteAsync(symbol, 7.90m, 7.90m);                  // fires the sentinel

        await FiredAsync(grain, sentinel.Id);
        await ReceivedAsync(received, sentinel.Id);
        Assert.DoesNotContain(received, e => e.Alert.Id == deleted.Id);
        Assert.Equal([sentinel.Id], (await grain.ListAsync()).Select(a => a.Id));
        Assert.Equal(followers - 1, fixture.Dispatcher.FollowerCount(symbol));
    }

    [Fact]
    public async Task Alerts_survive_a_new_activation_which_evaluates_the_quote_it_missed()
    {
        const string symbol = "T-ALERT-R";
        var grain = Alerts("alerts-restart");
        await QuoteAsync(symbol, 20.00m, 20.00m);
        var down = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.CrossesDown, 19.00m), T0)).Alert!;
        // Once the sentinel has fired no quote is on its way to the grain (one would wake it again).
        var sentinel = (await grain.CreateAsync(Alert(symbol, PriceAlertCondition.Above, 21.00m), T0)).Alert!;
        await QuoteAsync(symbol, 21.00m, 21.00m);
        await FiredAsync(grain, sentinel.Id);

        // As after a restart: the activation goes, a quote passes with no one following, a new activation loads the stored alert.
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (fixture.Dispatcher.FollowerCount(symbol) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(25);
        Assert.Equal(0, fixture.Dispatcher.FollowerCount(symbol));
        var missed = await QuoteAsync(symbol, 18.90m, 18.90m);

        Assert.Equal([down.Id, sentinel.Id], (await grain.ListAsync()).Select(a => a.Id));
        var fired = await FiredAsync(grain, down.Id);
        Assert.Equal(missed.Sequence, fired.Trigger!.Sequence);
        Assert.Equal(18.90m, fired.Trigger.Price);
    }
}
