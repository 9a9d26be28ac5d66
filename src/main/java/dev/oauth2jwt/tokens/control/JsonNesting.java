package dev.oauth2jwt.tokens.control;

/** How deep a JSON text nests: no honest token nests deep, and refusing before parsing keeps parsers out of trouble. */
final class JsonNesting {

    /** The deepest a token's header or claims may nest. */
    static final int MAX_DEPTH = 32;

    private JsonNesting() {
    }

    /** How deep arrays and objects nest in a JSON text, strings skipped. */
    static int depth(String json) {
        if (json == null) {
            return 0;
        }
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }
}
