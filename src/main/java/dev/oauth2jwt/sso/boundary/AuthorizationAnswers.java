package dev.oauth2jwt.sso.boundary;

import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.crypto.OpaqueTokens;
import dev.oauth2jwt.http.boundary.QrCodes;
import dev.oauth2jwt.http.boundary.RequestUrls;
import dev.oauth2jwt.sso.control.SecondSteps;
import dev.oauth2jwt.users.control.Passkeys;
import dev.oauth2jwt.users.control.Totp;
import java.net.URI;
import java.util.Set;
import dev.oauth2jwt.sso.control.Authorizations.Check;
import dev.oauth2jwt.sso.entity.AuthorizationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the authorization endpoint and the login form answer alike: back to the client's checked
 * redirect URI (with the state and our issuer), an error page when there is nowhere safe to send
 * the browser, the login page with its CSRF token.
 */
@ApplicationScoped
public class AuthorizationAnswers {

    @Inject
    BrowserCookies cookies;

    @Inject
    TokenSettings tokenSettings;

    /** A refused request: an error page, or the error back to the client. */
    Response refusal(Check check, AuthorizationRequest authorization, int redirectStatus) {
        if (check instanceof Check.ErrorPage page) {
            return Pages.message(400, "Cannot log in", page.message());
        }
        Check.ErrorRedirect error = (Check.ErrorRedirect) check;
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error.error());
        parameters.put("error_description", error.description());
        return back(redirectStatus, authorization, parameters).build();
    }

    /** To the (checked) redirect URI with these parameters, the state and our issuer (RFC 9207). */
    Response.ResponseBuilder back(int status, AuthorizationRequest authorization, Map<String, String> parameters) {
        StringBuilder location = new StringBuilder(authorization.redirectUri());
        char separator = authorization.redirectUri().contains("?") ? '&' : '?';
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (authorization.state() != null) {
            all.put("state", authorization.state());
        }
        all.put("iss", tokenSettings.issuer());
        for (Map.Entry<String, String> parameter : all.entrySet()) {
            location.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return Response.status(status)
                .header(HttpHeaders.LOCATION, location.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    /** The login page with a CSRF token: the browser's own, if it has one, so that two tabs both work. */
    Response loginPage(int status, AuthorizationRequest authorization, HttpHeaders headers, HttpServletRequest request,
            String error, String username) {
        BrowserCookies.Jar jar = cookies.of(request);
        String csrf = jar.value(headers, BrowserCookies.CSRF);
        if (!OpaqueTokens.wellFormed(csrf)) {
            csrf = BrowserCookies.random();
        }
        Map<String, String> carried = authorization.forLoginPage().parameters();
        // a page shown again keeps what the user typed; a fresh one offers the client's hint
        String prefilled = username != null || error != null ? username : authorization.usernameHint();
        return Response.fromResponse(Pages.login(status, authorization.clientId(), carried, csrf, error, prefilled))
                .header(HttpHeaders.SET_COOKIE, jar.csrf(csrf))
                .build();
    }

    /** The second step of a login (or the enrolment it needs), with the same CSRF token and the request carried along. */
    Response secondStepPage(int status, AuthorizationRequest authorization, HttpHeaders headers, HttpServletRequest request,
            SecondSteps.Step.Pending pending, String error) {
        BrowserCookies.Jar jar = cookies.of(request);
        String csrf = jar.value(headers, BrowserCookies.CSRF);
        if (!OpaqueTokens.wellFormed(csrf)) {
            csrf = BrowserCookies.random();
        }
        Map<String, String> carried = authorization.forLoginPage().parameters();
        Response page;
        if (pending.enrolSecret() == null) {
            page = Pages.secondStep(status, authorization.clientId(), carried, csrf, pending, error);
        } else {
            String keyUri = Totp.uri(tokenSettings.displayName(), pending.accountName(), pending.enrolSecret());
            page = Pages.enrolment(status, authorization.clientId(), carried, csrf, pending.token(), pending.enrolSecret(), keyUri,
                    QrCodes.svg(keyUri, 220), error);
        }
        return Response.fromResponse(page).header(HttpHeaders.SET_COOKIE, jar.csrf(csrf)).build();
    }

    /**
     * Who passkeys are made for: the issuer's host and origin when the issuer is a URL (what
     * JWT_ISSUER names for RS256/ES256), else the host and origin the browser asked for.
     */
    Passkeys.RelyingParty relyingParty(UriInfo uri, HttpHeaders headers) {
        URI base = URI.create(TokenSettings.isUrl(tokenSettings.issuer()) ? tokenSettings.issuer() : ownBase(uri, headers));
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        return new Passkeys.RelyingParty(base.getHost(), tokenSettings.displayName(), Set.of(origin));
    }

    /** This server's base URL as the browser asked for it, without the trailing slash. */
    static String ownBase(UriInfo uri, HttpHeaders headers) {
        return RequestUrls.asRequested(uri.getBaseUri(), headers.getHeaderString(HttpHeaders.HOST)).toString().replaceAll("/+$", "");
    }
}
