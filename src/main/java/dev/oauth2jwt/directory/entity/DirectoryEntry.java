package dev.oauth2jwt.directory.entity;

import java.util.Set;

/**
 * A person's entry in the directory, as a login or a refresh reads it.
 *
 * @param dn where it is now (it may move; the account follows {@code id}, never the name or the DN)
 * @param id its immutable id: entryUUID, or Active Directory's objectGUID in its usual text form
 * @param username the login name attribute's value (uid, sAMAccountName): the name of the account made here
 * @param groups the DNs of its groups, normalized
 */
public record DirectoryEntry(String dn, String id, String username, String email, String fullName, Set<String> groups,
                             Standing standing) {

    /** What the directory says of the account, besides its password. */
    public enum Standing {
        ACTIVE,
        /** Active Directory's userAccountControl ACCOUNTDISABLE bit. */
        DISABLED,
        /** OpenLDAP's pwdAccountLockedTime (ppolicy: locked by an administrator or by failed binds). */
        LOCKED
    }

    public DirectoryEntry {
        groups = Set.copyOf(groups);
    }
}
