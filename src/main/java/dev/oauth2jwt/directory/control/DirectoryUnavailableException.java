package dev.oauth2jwt.directory.control;

/**
 * The directory could not answer in time (every URL down or slow, no pooled connection free): a
 * directory user cannot log in or refresh now, and is told to retry (503); nothing is refused for it.
 */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message) {
        super(message, null, false, false);
    }
}
