using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Testing;
using Parley.Ui.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Ui.Tests;

/// <summary>
/// Parley's additions to the Peers pages in the browser (#15): the token's expiry column until the token is EXPIRED, the red
/// Unhealthy badge with the stream's last error once the peer's server is gone, and the Doctor panel marking the step that broke.
/// </summary>
public sealed class PeerHealthPageTests(ChromiumFixture chromium) : UiTestBase(chromium)
{
    [Fact]
    public async Task PeersList_ExpiringToken_ShowsItsAgeAndExpiry_ThenExpired()
    {
        var cluster = await StartClusterAsync("dc1");
        await GenerateTokenAsync(cluster, "cluster-09", "8s");
        var ui = await OpenAsync(cluster);

        await ui.GotoAsync("peers");
        var expiry = PeersUi.Row(ui.Page, "cluster-09").Locator(".token-expiry span");
        await Expect(PeersUi.StateBadge(ui.Page, "cluster-09")).ToHaveTextAsync("PENDING");
        // Expiry in words, the token's age on hover.
        await Expect(expiry).ToHaveTextAsync(new Regex("^(in \\d+s|just now)$"));
        await Expect(expiry).ToHaveAttributeAsync("title", new Regex("^Token generated (just now|\\d+s ago)$"));
        await ui.ScreenshotAsync("peers-token-expiry");

        // Past the expiry the list reports EXPIRED (the list refreshes at least every 5 s) and the expiry is in the past.
        await Expect(PeersUi.StateBadge(ui.Page, "cluster-09")).ToHaveTextAsync("EXPIRED", new() { Timeout = 30_000 });
        await Expect(expiry).ToHaveTextAsync(new Regex("^(\\d+s ago|just now)$"));
        await ui.ScreenshotAsync("peers-token-expired");
    }

    [Fact]
    public async Task PeerPage_PeerServerStopped_ShowsTheRedUnhealthyBadgeWithTheError_AndTheDoctorMarksTheStream()
    {
        var dialer = await StartClusterAsync("dc2");
        TestAgent? acceptor = await Clusters.StartAsync("dc1", TestContext.Current.CancellationToken);
        try
        {
            var token = await GenerateTokenAsync(acceptor, "cluster-02", null);
            await dialer.Http.SendAsync(
                HttpMethod.Post,
                "/v1/peering/establish",
                new JsonObject { ["PeerName"] = "cluster-01", ["PeeringToken"] = token });
            await Eventually.TrueAsync(
                async () => (await dialer.Http.GetJsonAsync("/v1/peering/cluster-01"))?["State"]?.GetValue<string>() == "ACTIVE",
                Eventually.DefaultTimeout,
                "the peering is ACTIVE",
                TestContext.Current.CancellationToken);
            var ui = await OpenAsync(dialer);
            await ui.GotoAsync("peers/cluster-01");
            await Expect(ui.Page.Locator("dd [data-health]")).ToHaveTextAsync("Healthy");

            // The peer's only server is gone: a red Unhealthy badge with the stream's last error, as the API reports it.
            await acceptor.DisposeAsync();
            acceptor = null;
            var alert = ui.Page.Locator("[role=alert][data-health=unhealthy]");
            await Expect(alert).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var badge = alert.Locator(".badge");
            await Expect(badge).ToHaveTextAsync("Unhealthy");
            // Red: the light scheme's --bad on --bad-bg.
            await Expect(badge).ToHaveCSSAsync("color", "rgb(168, 35, 26)");
            var error =
                (await dialer.Http.GetJsonAsync("/v1/peering/cluster-01"))!["StreamStatus"]!["LastError"]!["Message"]!.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(error));
            await Expect(alert).ToContainTextAsync("Last error: ");
            await Expect(alert.Locator(".api-text")).ToHaveTextAsync(error, new() { Timeout = 15_000 });
            await ui.ScreenshotAsync("peer-unhealthy");

            // The doctor: the peering still exists here, the stream is the step that broke, nothing after it is checked.
            var doctor = ui.Page.GetByRole(AriaRole.Region, new() { Name = "Doctor" });
            await doctor.GetByRole(AriaRole.Button, new() { Name = "Run doctor" }).ClickAsync();
            await Expect(doctor.Locator("li[data-step=peering]")).ToHaveAttributeAsync("data-status", "pass");
            var stream = doctor.Locator("li[data-step=stream]");
            await Expect(stream).ToHaveAttributeAsync("data-status", "fail");
            await Expect(stream.Locator(".badge")).ToHaveTextAsync("FAIL");
            await Expect(stream.Locator(".doctor-fix")).ToContainTextAsync("Fix: check the network path to the peer's gRPC TLS port");
            await Expect(doctor.Locator("li[data-step=trust-bundle]")).ToHaveAttributeAsync("data-status", "skip");
            await Expect(doctor.Locator("[data-verdict]")).ToHaveAttributeAsync("data-verdict", "broken");
            await ui.ScreenshotAsync("peer-doctor-stream");
        }
        finally
        {
            if (acceptor is not null)
            {
                await acceptor.DisposeAsync();
            }
        }
    }

    /// <summary>Generates a token through the API (the UI's dialog has no expiry field), once the Connect CA exists.</summary>
    private static async Task<string> GenerateTokenAsync(TestAgent cluster, string peerName, string? expiresIn)
    {
        var body = new JsonObject { ["PeerName"] = peerName };
        if (expiresIn is not null)
        {
            body["ExpiresIn"] = expiresIn;
        }

        string? token = null;
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await cluster.Http.PostAsync(
                    "/v1/peering/token", new StringContent(body.ToJsonString()), TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    token = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))![
                        "PeeringToken"]!.GetValue<string>();
                }

                return token is not null;
            },
            Eventually.DefaultTimeout,
            "a peering token is issued (the Connect CA is initialised)",
            TestContext.Current.CancellationToken);
        return token!;
    }
}
