package dev.oauth2jwt.http.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The frame of the HTML pages people see (the login pages, the account page): served by the WAR
 * itself (no CDN, no script but the passkey buttons' own file, works offline), every value escaped,
 * never framed, never cached.
 */
public final class HtmlPages {

    /**
     * No script but this server's own file (the passkey buttons'), and its calls home only; styles
     * inline; never inside another site's frame.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d1f23;margin:0}
            main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0002}
            h1{font-size:1.4rem;margin-top:0}label{display:block;margin:1rem 0 .3rem;font-weight:600}
            input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #888;border-radius:.3rem}
            button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#1f5fbf;color:#fff;border:0;border-radius:.3rem}
            button:focus,input:focus,a:focus{outline:3px solid #f5a623}.error{color:#a40000;font-weight:600}
            .hint{margin:.2rem 0 .4rem;color:#444;font-size:.9rem}.qr{text-align:center;margin:1rem 0}
            code{font-size:1.05rem;letter-spacing:.05em}.codes code{font-size:1rem;letter-spacing:0}.codes li{margin:.2rem 0}
            button.secondary{background:#fff;color:#1f5fbf;border:1px solid #1f5fbf}
            main.wide{max-width:48rem}h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ddd;padding-top:1rem}
            table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #eee;vertical-align:top}
            form.inline button{margin:.6rem 0 0;width:auto;padding:.45rem .9rem;font-size:.9rem}td form.inline button{margin:0}.note{color:#1d6b2a;font-weight:600}
            a.button{display:block;text-align:center;margin-top:1.5rem;padding:.7rem;background:#1f5fbf;color:#fff;border-radius:.3rem;text-decoration:none}
            """;

    private HtmlPages() {
    }

    public static Response page(int status, String title, String body) {
        return page(status, title, body, false);
    }

    /** A page; {@code wide} for one with tables (the account page). */
    public static Response page(int status, String title, String body, boolean wide) {
        return page(status, title, body, wide, CONTENT_SECURITY_POLICY);
    }

    /**
     * A page that frames the given web origins' pages, and no others (the logout page, which loads
     * the applications' front-channel logout URIs).
     */
    public static Response pageFraming(int status, String title, String body, java.util.Collection<String> frameOrigins) {
        return page(status, title, body, false, CONTENT_SECURITY_POLICY + "; frame-src " + String.join(" ", frameOrigins));
    }

    private static Response page(int status, String title, String body, boolean wide, String contentSecurityPolicy) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(title)
                + " - oauth2-jwt</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<main" + (wide ? " class=\"wide\"" : "")
                + ">\n" + body
                + "\n</main>\n</body>\n</html>\n";
        return Response.status(status)
                .type("text/html; charset=utf-8")
                .entity(html)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Frame-Options", "DENY")
                // not no-referrer: with it, Chromium posts the form with "Origin: null", which the CSRF check refuses
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    public static String escape(String value) {
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
