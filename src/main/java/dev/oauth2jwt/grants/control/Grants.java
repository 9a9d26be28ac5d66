package dev.oauth2jwt.grants.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The grants of {@code POST /token}, found as CDI beans and looked up by {@code grant_type}. A
 * {@code grant_type} that none answers (or none at all, or more than one) is the password grant's
 * to answer: FastAPI's form, whose 422 says the {@code grant_type} is not "password".
 */
@ApplicationScoped
public class Grants {

    @Inject
    @Any
    Instance<Grant> found;

    @Inject
    PasswordGrant password;

    private Map<String, Grant> byType;

    @PostConstruct
    void index() {
        Map<String, Grant> grants = new TreeMap<>();
        for (Grant grant : found) {
            if (grants.put(grant.type(), grant) != null) {
                throw new IllegalStateException("two grants answer grant_type " + grant.type());
            }
        }
        byType = Map.copyOf(grants);
    }

    /** The grant of the request's {@code grant_type} values. */
    public Grant of(List<String> grantType) {
        return grantType != null && grantType.size() == 1 ? byType.getOrDefault(grantType.get(0), password) : password;
    }

    /** The types answered, for the metadata's {@code grant_types_supported}. */
    public List<String> types() {
        return List.copyOf(new TreeMap<>(byType).keySet());
    }
}
