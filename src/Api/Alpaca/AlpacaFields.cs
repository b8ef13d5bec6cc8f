using System.Text.RegularExpressions;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Alpaca's order field names beside ours. An Alpaca body is renamed into the shape <see cref="Trading.OrderRequestReader"/>
/// reads, so both surfaces refuse exactly the same orders, and its errors are renamed back.
/// </summary>
public static partial class AlpacaFields
{
    private static readonly (string Alpaca, string Ours)[] Pairs =
    [
        ("qty", "quantity"), ("time_in_force", "timeInForce"), ("limit_price", "limitPrice"), ("stop_price", "stopPrice"),
        ("trail_price", "trailAmount"), ("trail_percent", "trailPercent"), ("client_order_id", "clientOrderId"),
        ("order_class", "orderClass"), ("take_profit", "takeProfit"), ("stop_loss", "stopLoss"),
    ];

    public static string ToOurs(string alpaca) => Pairs.FirstOrDefault(p => p.Alpaca == alpaca).Ours ?? alpaca;

    /// <summary>A field path of ours ("takeProfit.limitPrice") as Alpaca names it ("take_profit.limit_price").</summary>
    public static string ToAlpaca(string path) =>
        string.Join('.', path.Split('.').Select(part => Pairs.FirstOrDefault(p => p.Ours == part).Alpaca ?? part));

    /// <summary>Our field names inside a message ("quantity must…", "name a limitPrice") spelled Alpaca's way.</summary>
    public static string Rename(string message) => OurName().Replace(message, m => ToAlpaca(m.Value));

    [GeneratedRegex(@"\b(quantity|timeInForce|limitPrice|stopPrice|trailAmount|trailPercent|clientOrderId|orderClass|takeProfit|stopLoss)\b")]
    private static partial Regex OurName();
}
