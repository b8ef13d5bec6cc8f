using Crucible.Grains.Alerts;
using Crucible.Grains.Interfaces.Alerts;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Domain.Tests.Alerts;

/// <summary>
/// The alert conditions on hand-written quotes (docs/alerts.md "Conditions"): each quote's watched price and its side of
/// the level are worked out in the comments, and each alert fires on exactly the quote named, once.
/// </summary>
public sealed class PriceAlertBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private const string Symbol = "XYZ";

    private static Quote Q(long sequence, decimal bid, decimal ask) =>
        new(Symbol, bid, ask, (bid + ask) / 2, 1, T0.AddSeconds(sequence), sequence);

    private static (PriceAlertBook Book, PriceAlert Alert) Arm(PriceAlertCondition condition, decimal level, Quote? current,
        PriceAlertSource source = PriceAlertSource.Mid)
    {
        var book = new PriceAlertBook([]);
        var alert = book.Create("a1", new NewPriceAlert(Symbol, condition, source, level), current, T0).Alert!;
        return (book, alert);
    }

    /// <summary>Feeds the quotes in order; returns the sequence of the quote that fired the alert, or null.</summary>
    private static long? FiringSequence(PriceAlertBook book, params Quote[] quotes)
    {
        long? firedOn = null;
        foreach (var quote in quotes)
            foreach (var fired in book.Observe(quote).Fired)
            {
                Assert.Null(firedOn); // fire once
                firedOn = fired.Trigger!.Sequence;
            }
        return firedOn;
    }

    [Fact]
    public void Crosses_up_fires_on_the_first_quote_at_or_above_the_level_after_one_below()
    {
        // Created above the level (mid 101.00): 100.50 is above but nothing was below yet; 99.90 is below; 100.00 (at) fires.
        var (book, _) = Arm(PriceAlertCondition.CrossesUp, 100.00m, Q(1, 100.99m, 101.01m));
        Assert.Equal(4, FiringSequence(book, Q(2, 100.49m, 100.51m), Q(3, 99.89m, 99.91m), Q(4, 99.99m, 100.01m), Q(5, 101m, 101.02m)));

        var alert = book.Get("a1")!;
        Assert.Equal(PriceAlertState.Fired, alert.State);
        Assert.Equal(new PriceAlertTrigger(100.00m, 99.99m, 100.01m, 4, T0.AddSeconds(4)), alert.Trigger);
        Assert.Equal(T0.AddSeconds(4), alert.FiredAt);
    }

    [Fact]
    public void Crosses_down_needs_a_quote_strictly_above_and_a_quote_exactly_at_the_level_does_not_count_as_above()
    {
        // Created at the level (mid 50.00, side 0): 49.00 is below, but nothing was above; 50.00 at; 50.01 above; 49.99 fires.
        var (book, _) = Arm(PriceAlertCondition.CrossesDown, 50.00m, Q(1, 49.99m, 50.01m));
        Assert.Equal(5, FiringSequence(book, Q(2, 48.99m, 49.01m), Q(3, 49.99m, 50.01m), Q(4, 50.00m, 50.02m), Q(5, 49.98m, 50.00m)));
    }

    [Fact]
    public void Crosses_fires_in_either_direction()
    {
        var (up, _) = Arm(PriceAlertCondition.Crosses, 10m, Q(1, 9m, 9m));
        Assert.Equal(2, FiringSequence(up, Q(2, 10.5m, 10.5m)));
        var (down, _) = Arm(PriceAlertCondition.Crosses, 10m, Q(1, 11m, 11m));
        Assert.Equal(3, FiringSequence(down, Q(2, 10.5m, 10.5m), Q(3, 9.99m, 10.01m)));
    }

    [Fact]
    public void Above_and_below_are_inclusive_and_the_quote_present_at_creation_does_not_fire()
    {
        // Mid 100.00 at creation already meets "above 100": it is the start, not a firing; the next quote at 100.00 fires.
        var (above, alert) = Arm(PriceAlertCondition.Above, 100.00m, Q(7, 99.99m, 100.01m));
        Assert.Equal(7, alert.AfterSequence);
        Assert.Equal(8, FiringSequence(above, Q(7, 99.99m, 100.01m), Q(8, 99.99m, 100.01m)));

        var (below, _) = Arm(PriceAlertCondition.Below, 100.00m, Q(1, 100.99m, 101.01m));
        Assert.Equal(3, FiringSequence(below, Q(2, 100.00m, 100.02m), Q(3, 99.98m, 100.02m)));
    }

    [Fact]
    public void The_source_picks_the_bid_the_ask_or_the_mid()
    {
        // Level 100.00, quote 2 is 99.99 / 100.01 (mid 100.00), quote 3 is 100.00 / 100.02.
        Quote[] quotes = [Q(2, 99.99m, 100.01m), Q(3, 100.00m, 100.02m)];
        var start = Q(1, 99.00m, 99.02m);
        var (bid, _) = Arm(PriceAlertCondition.Above, 100.00m, start, PriceAlertSource.Bid);
        var (ask, _) = Arm(PriceAlertCondition.Above, 100.00m, start, PriceAlertSource.Ask);
        var (mid, _) = Arm(PriceAlertCondition.Above, 100.00m, start, PriceAlertSource.Mid);
        Assert.Equal(3, FiringSequence(bid, quotes));
        Assert.Equal(2, FiringSequence(ask, quotes));
        Assert.Equal(2, FiringSequence(mid, quotes));
        Assert.Equal(100.00m, bid.Get("a1")!.Trigger!.Price);
        Assert.Equal(100.01m, ask.Get("a1")!.Trigger!.Price);
    }

    [Fact]
    public void A_fired_alert_never_fires_again_and_a_stale_or_repeated_quote_is_not_evaluated()
    {
        var (book, _) = Arm(PriceAlertCondition.Below, 5m, Q(10, 6m, 6m));
        Assert.Empty(book.Observe(Q(9, 4m, 4m)).Fired);        // older than the start
        Assert.Single(book.Observe(Q(11, 4m, 4m)).Fired);
        Assert.Empty(book.Observe(Q(12, 3m, 3m)).Fired);
        Assert.Empty(book.Observe(Q(11, 4m, 4m)).Fired);
        Assert.Equal(11, book.Get("a1")!.Trigger!.Sequence);
        Assert.Empty(book.ArmedSymbols);
    }

    [Fact]
    public void Only_a_firing_or_a_cross_changing_sides_is_worth_storing()
    {
        var (book, _) = Arm(PriceAlertCondition.CrossesUp, 100m, Q(1, 101m, 101m));
        Assert.False(book.Observe(Q(2, 102m, 102m)).Changed);   // still above
        Assert.True(book.Observe(Q(3, 99m, 99m)).Changed);      // now below: armed for the cross
        Assert.False(book.Observe(Q(4, 98m, 98m)).Changed);
        Assert.True(book.Observe(Q(5, 100m, 100m)).Changed);    // fired
    }

    [Fact]
    public void A_deleted_alert_is_gone_and_the_book_keeps_at_most_the_limit()
    {
        var book = new PriceAlertBook([]);
        for (var i = 0; i < IPriceAlertsGrain.MaxAlerts; i++)
            Assert.NotNull(book.Create($"a{i}", new NewPriceAlert(Symbol, PriceAlertCondition.Above, PriceAlertSource.Mid, 1m), null, T0).Alert);
        Assert.True(book.Create("one-more", new NewPriceAlert(Symbol, PriceAlertCondition.Above, PriceAlertSource.Mid, 1m), null, T0).TooMany);
        Assert.True(book.Delete("a0"));
        Assert.False(book.Delete("a0"));
        Assert.DoesNotContain(book.Observe(Q(1, 2m, 2m)).Fired, a => a.Id == "a0");
        Assert.Equal(IPriceAlertsGrain.MaxAlerts - 1, book.Alerts.Count(a => a.State == PriceAlertState.Fired));
    }
}
