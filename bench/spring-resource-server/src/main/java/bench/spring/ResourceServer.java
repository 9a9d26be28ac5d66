package bench.spring;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * GET /users/me/ as a Spring Boot resource server: Spring Security checks the bearer token
 * (HS256 with the same JWT_SECRET, signature and expiry, stateless), and the caller's user is
 * looked up in memory, as ours is in its cache. The users are the seed's demo users.
 */
@SpringBootApplication
@RestController
public class ResourceServer {

    record User(String username, String email, String full_name, boolean disabled) {
    }

    private static final Map<String, User> USERS = Map.of(
            "johndoe", new User("johndoe", "johndoe@example.com", "John Doe", false),
            "janedoe", new User("janedoe", "janedoe@example.com", "Jane Doe", false));

    public static void main(String[] args) {
        SpringApplication.run(ResourceServer.class, args);
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${JWT_SECRET}") String secret) {
        return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                .build();
    }

    @GetMapping("/users/me/")
    User me(@AuthenticationPrincipal Jwt token) {
        User user = USERS.get(token.getSubject());
        if (user == null || user.disabled()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        return user;
    }
}
