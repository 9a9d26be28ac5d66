package dev.oauth2jwt.users.entity;

import jakarta.persistence.EntityManager;

/**
 * Every session of the account is ending (a new security stamp: password change, disabling, "log
 * out everywhere", a directory's word; or the account's deletion). Fired synchronously in the
 * transaction that makes the change, before it commits, with the account as it was: so that what
 * must follow (telling the applications) is written in the same transaction, or not at all.
 */
public record AccountSessionsEnding(EntityManager em, Long userId, String subject, String securityStamp) {
}
