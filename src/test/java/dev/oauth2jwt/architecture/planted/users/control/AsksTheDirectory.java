package dev.oauth2jwt.architecture.planted.users.control;

import com.unboundid.ldap.sdk.Filter;

/** Planted: LDAP outside the directory package. */
public class AsksTheDirectory {

    Filter byName(String name) {
        return Filter.createEqualityFilter("uid", name);
    }
}
