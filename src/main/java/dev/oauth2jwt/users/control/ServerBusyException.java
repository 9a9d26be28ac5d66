package dev.oauth2jwt.users.control;

/** Every bcrypt slot is taken and the short queue is full: the caller should retry a little later. */
public class ServerBusyException extends RuntimeException {

    public ServerBusyException() {
        super("bcrypt capacity exhausted", null, false, false);
    }
}
