using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.Api.Tests;

/// <summary>A SignalR connection to one of the host's hubs, signed in as a user (or anonymous), speaking the API's JSON.</summary>
public static class TestHubs
{
    public static HubConnection Connect(CrucibleApiFactory factory, string path, TestUsers.SignedIn? user) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.ServerAddress, path), o =>
        {
            // Sent as the access_token query parameter on the WebSocket, as a browser must.
            if (user is not null)
                o.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)))
        .Build();
}
