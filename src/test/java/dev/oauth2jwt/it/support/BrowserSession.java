package dev.oauth2jwt.it.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser keeps between requests to the server (its cookies, as names and values) and does
 * with the login page (read the form, post it back), over plain HTTP: the code flow's rules tested
 * without a real browser, which the browser tests then add.
 */
public final class BrowserSession {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");
    private static final SecureRandom RANDOM = new SecureRandom();

    public final Api api;
    public final Map<String, String> cookies = new LinkedHashMap<>();

    public BrowserSession(Api api) {
        this.api = api;
    }

    public Api.Answer get(String pathAndQuery, String... headers) {
        return keepCookies(api.get(pathAndQuery, withCookies(headers)));
    }

    public Api.Answer postForm(String path, String form, String... headers) {
        return keepCookies(api.postForm(path, form, withCookies(headers)));
    }

    /** The login page's form fields (hidden ones, escaped back), with these added. */
    public static Map<String, String> form(String page, Map<String, String> typed) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page);
        while (hidden.find()) {
            fields.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        fields.putAll(typed);
        return fields;
    }

    /** Opens the authorization URL, fills in the login page and posts it where its form says: the answer to the post. */
    public Api.Answer logIn(String authorizeQuery, String username, String password) {
        Api.Answer page = get("/authorize?" + authorizeQuery);
        if (page.status() != 200) {
            throw new AssertionError("no login page: " + page);
        }
        return postForm(action(page.body(), "/authorize"), Api.form(form(page.body(), Map.of("username", username, "password", password))));
    }

    /** Where the page's form posts, resolved as a browser would against the page's own path. */
    public static String action(String page, String pagePath) {
        Matcher action = FORM_ACTION.matcher(page);
        if (!action.find()) {
            throw new AssertionError("no form on the page: " + page);
        }
        return URI.create(pagePath).resolve(unescape(action.group(1))).toString();
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, String> query(String location) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    /** A PKCE verifier (RFC 7636 section 4.1): 32 random bytes, base64url, 43 characters. */
    public static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] withCookies(String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (!cookies.isEmpty()) {
            all.add("Cookie");
            all.add(String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        return all.toArray(String[]::new);
    }

    private Api.Answer keepCookies(Api.Answer answer) {
        List<String> set = answer.headers().getOrDefault("set-cookie", List.of());
        for (String cookie : set) {
            String pair = cookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            if (value.isEmpty() || cookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return answer;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
