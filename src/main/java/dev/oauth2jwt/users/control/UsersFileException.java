package dev.oauth2jwt.users.control;

/** A users file that cannot be imported; the message names the file and the entry. */
public class UsersFileException extends RuntimeException {

    public UsersFileException(String message) {
        super(message);
    }
}
