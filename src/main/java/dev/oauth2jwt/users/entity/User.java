package dev.oauth2jwt.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** A user account, as the seed's {@code UserInDB}. */
@Entity
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_id")
    @SequenceGenerator(name = "users_id", sequenceName = "users_id_seq", allocationSize = 1)
    private Long id;

    @Column(name = "username", nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "full_name")
    private String fullName;

    @Column(name = "hashed_password", nullable = false)
    private String hashedPassword;

    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    /** The scopes this user may be granted, space separated (RFC 6749 section 3.3). */
    @Column(name = "scopes", nullable = false, length = 1024)
    private String scopes;

    protected User() {
        // for JPA
    }

    public User(String username, String email, String fullName, String hashedPassword, boolean disabled,
                Set<String> scopes) {
        this.username = username;
        this.email = email;
        this.fullName = fullName;
        this.hashedPassword = hashedPassword;
        this.disabled = disabled;
        this.scopes = String.join(" ", scopes);
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String fullName() {
        return fullName;
    }

    public String hashedPassword() {
        return hashedPassword;
    }

    public boolean disabled() {
        return disabled;
    }

    public Set<String> scopes() {
        return scopes.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scopes.trim().split(" +")));
    }
}
