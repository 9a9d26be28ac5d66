package dev.oauth2jwt.it.rp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.LogoutDefinition;

/**
 * Jakarta Security's own OpenID Connect client, pointed at our server, exactly as its
 * documentation shows: the provider's URL (discovery does the rest), the client's id and secret.
 * Its tokens are refreshed as they near expiry, so a logout elsewhere (which ends the refresh
 * tokens) ends this application's login too.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${rp.provider}",
        clientId = "${rp.clientId}",
        clientSecret = "${rp.clientSecret}",
        redirectURI = "${baseURL}/callback",
        redirectToOriginalResource = true,
        tokenAutoRefresh = true,
        tokenMinValidityExpression = "${rp.tokenMinValidity}",
        logout = @LogoutDefinition(notifyProvider = true, redirectURI = "${rp.loggedOut}"))
public class OpenIdLogin {
}
