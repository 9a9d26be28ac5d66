package dev.oauth2jwt.directory.control;

/**
 * The presets of {@code LDAP_DIRECTORY}: the filter and attributes a directory of that kind usually
 * has. Each can still be set on its own ({@code LDAP_USER_FILTER}, {@code LDAP_EMAIL_ATTRIBUTE}...).
 */
public enum DirectoryKind {

    /** OpenLDAP and most RFC 4519 directories (inetOrgPerson, groupOfNames, posixGroup). */
    OPENLDAP("openldap", "(uid={0})", "uid", "entryUUID", "mail", "cn",
            "(|(&(objectClass=groupOfNames)(member={dn}))(&(objectClass=groupOfUniqueNames)(uniqueMember={dn}))"
                    + "(&(objectClass=posixGroup)(memberUid={0})))"),

    /**
     * Active Directory (and Samba's domain controller): a person by sAMAccountName or
     * userPrincipalName, linked by objectGUID; groups from memberOf, or, with {@code LDAP_GROUP_BASE},
     * searched with the matching rule that follows nested groups.
     */
    ACTIVE_DIRECTORY("active-directory", "(&(objectClass=user)(|(sAMAccountName={0})(userPrincipalName={0})))", "sAMAccountName",
            "objectGUID", "mail", "displayName", "(&(objectClass=group)(member:1.2.840.113556.1.4.1941:={dn}))");

    final String setting;
    final String userFilter;
    final String usernameAttribute;
    final String idAttribute;
    final String emailAttribute;
    final String fullNameAttribute;
    final String groupFilter;

    DirectoryKind(String setting, String userFilter, String usernameAttribute, String idAttribute, String emailAttribute,
            String fullNameAttribute, String groupFilter) {
        this.setting = setting;
        this.userFilter = userFilter;
        this.usernameAttribute = usernameAttribute;
        this.idAttribute = idAttribute;
        this.emailAttribute = emailAttribute;
        this.fullNameAttribute = fullNameAttribute;
        this.groupFilter = groupFilter;
    }

    static DirectoryKind named(String setting) {
        for (DirectoryKind kind : values()) {
            if (kind.setting.equalsIgnoreCase(setting.trim())) {
                return kind;
            }
        }
        throw new IllegalStateException("LDAP_DIRECTORY is '" + setting + "'; it must be openldap or active-directory");
    }

    /** Whether the id attribute holds bytes (objectGUID) rather than text (entryUUID). */
    boolean binaryId() {
        return this == ACTIVE_DIRECTORY;
    }
}
