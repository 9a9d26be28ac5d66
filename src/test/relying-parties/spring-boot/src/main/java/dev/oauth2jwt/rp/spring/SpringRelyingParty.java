package dev.oauth2jwt.rp.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A Spring Boot application logging its users in with {@code oauth2Login} at our server, and out
 * with Spring's OpenID Connect RP-initiated logout, and out again when our back-channel logout
 * token says the browser login ended elsewhere: nothing of ours in it. It shows how its login was
 * proven (the ID token's {@code amr} and {@code acr}), and may ask for a second factor.
 */
@SpringBootApplication
@RestController
public class SpringRelyingParty {

    public static void main(String[] args) {
        SpringApplication.run(SpringRelyingParty.class, args);
    }

    /**
     * With {@code rp.acr-values} set (e.g. 2, a second factor), every login asks for it as an
     * application would: {@code acr_values} in the authorization request, PKCE kept.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http, ClientRegistrationRepository clients,
            @Value("${rp.acr-values:}") String acrValues) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(clients);
        logout.setPostLogoutRedirectUri("{baseUrl}/bye");
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/bye").permitAll().anyRequest().authenticated())
                .logout(out -> out.logoutSuccessHandler(logout))
                // our logout tokens end its sessions: POSTed to /logout/connect/back-channel/oauth2-jwt
                .oidcLogout(oidc -> oidc.backChannel(Customizer.withDefaults()));
        if (acrValues.isEmpty()) {
            http.oauth2Login(Customizer.withDefaults());
        } else {
            DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(clients,
                    OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
            resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
                    .andThen(request -> request.additionalParameters(parameters -> parameters.put("acr_values", acrValues))));
            http.oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver)));
        }
        return http.build();
    }

    /** Who Spring says the caller is, from our ID token, and Spring's own logout form. */
    @GetMapping(value = "/whoami", produces = MediaType.TEXT_HTML_VALUE)
    String whoAmI(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
        return "<!DOCTYPE html><html><head><title>Spring relying party</title></head><body>"
                + "<p id=\"caller\">" + HtmlUtils.htmlEscape(user.getName()) + "</p>"
                + "<p id=\"email\">" + HtmlUtils.htmlEscape(String.valueOf(user.getEmail())) + "</p>"
                + "<p id=\"amr\">" + HtmlUtils.htmlEscape(String.valueOf(user.getIdToken().getAuthenticationMethods())) + "</p>"
                + "<p id=\"acr\">" + HtmlUtils.htmlEscape(String.valueOf(user.getIdToken().getAuthenticationContextClass())) + "</p>"
                + "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"" + csrf.getParameterName()
                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\"><button id=\"logout\">Log out</button></form>"
                + "</body></html>";
    }

    @GetMapping(value = "/bye", produces = MediaType.TEXT_HTML_VALUE)
    String bye() {
        return "<!DOCTYPE html><html><head><title>Spring relying party</title></head><body><p id=\"bye\">logged out</p></body></html>";
    }
}
