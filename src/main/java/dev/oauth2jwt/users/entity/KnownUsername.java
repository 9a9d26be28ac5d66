package dev.oauth2jwt.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A username this database has had, deleted or not: {@code USERS_IMPORT_FILE} creates an account
 * only for a name it has never had, so an import never undoes an administrator's delete.
 */
@Entity
@Table(name = "known_usernames")
public class KnownUsername {

    @Id
    @Column(name = "username", length = 64)
    private String username;

    /** Epoch milliseconds; 0 for the accounts that existed before names were recorded. */
    @Column(name = "first_seen", nullable = false)
    private long firstSeen;

    protected KnownUsername() {
        // for JPA
    }

    public KnownUsername(String username, long firstSeen) {
        this.username = username;
        this.firstSeen = firstSeen;
    }
}
