package dev.oauth2jwt.tokens.control;

/** A bearer token that must be refused; the message says why, for the log, never for the client. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
