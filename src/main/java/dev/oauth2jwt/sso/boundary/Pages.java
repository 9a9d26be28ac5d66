package dev.oauth2jwt.sso.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The HTML the browser sees: the login page, error pages, the logout question, the logged-out page.
 * Served by the WAR itself (no CDN, no script, works offline), every value escaped, never framed,
 * never cached.
 */
final class Pages {

    /** No script at all; styles inline; never inside another site's frame. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d1f23;margin:0}
            main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
            h1{font-size:1.4rem;margin-top:0}label{display:block;margin:1rem 0 .3rem;font-weight:600}
            input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #888;border-radius:.3rem}
            button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#1f5fbf;color:#fff;border:0;border-radius:.3rem}
            button:focus,input:focus{outline:3px solid #f5a623}.error{color:#a40000;font-weight:600}
            """;

    private Pages() {
    }

    /**
     * The login form: the authorization request rides along in hidden fields, checked again when
     * posted to {@code login}, relative to {@code /authorize} and to {@code /login} alike.
     */
    static Response login(int status, String clientId, Map<String, String> request, String csrf, String error,
            String username) {
        String body = "<h1>Log in</h1>\n<p>to continue to <strong>" + escape(clientId) + "</strong></p>\n"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"error\">" + escape(error) + "</p>\n")
                + "<form method=\"post\" action=\"login\">\n" + hidden(request, csrf)
                + "<label for=\"username\">Username</label>\n"
                + "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" "
                + "spellcheck=\"false\" required autofocus value=\"" + escape(username == null ? "" : username) + "\""
                + (error == null ? "" : " aria-describedby=\"error\"") + ">\n"
                + "<label for=\"password\">Password</label>\n"
                + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\n"
                + "<button type=\"submit\">Log in</button>\n</form>";
        return page(status, "Log in", body);
    }

    /**
     * The question RP-Initiated Logout 1.0 (section 2) says must be asked when the request does not
     * prove it comes from an application of the logged-in user: a link on any site could end the
     * login otherwise. The form posts to {@code logout/confirm}, relative to {@code /logout}.
     */
    static Response logoutConfirmation(String username, String clientId, Map<String, String> request, String csrf) {
        String body = "<h1>Log out</h1>\n<p>You are logged in as <strong>" + escape(username) + "</strong>."
                + (clientId == null ? "" : " The application <strong>" + escape(clientId) + "</strong> asks to log you out.")
                + "</p>\n<p>Log out? Every application you logged in to here will ask you to log in again.</p>\n"
                + "<form method=\"post\" action=\"logout/confirm\">\n" + hidden(request, csrf)
                + "<button type=\"submit\">Log out</button>\n</form>";
        return page(200, "Log out", body);
    }

    static Response message(int status, String title, String message) {
        return page(status, title, "<h1>" + escape(title) + "</h1>\n<p role=\"alert\">" + escape(message) + "</p>");
    }

    private static Response page(int status, String title, String body) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + " - oauth2-jwt</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n" + body
                + "\n</main>\n</body>\n</html>\n";
        return Response.status(status)
                .type("text/html; charset=utf-8")
                .entity(html)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                // not no-referrer: with it, Chromium posts the form with "Origin: null", which the CSRF check refuses
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** The request riding along in hidden fields (checked again when posted), and the form's CSRF token. */
    private static String hidden(Map<String, String> request, String csrf) {
        StringBuilder hidden = new StringBuilder();
        request.forEach((name, value) -> hidden.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        return hidden.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(csrf)).append("\">\n").toString();
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
