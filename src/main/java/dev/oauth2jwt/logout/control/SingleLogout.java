package dev.oauth2jwt.logout.control;

import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.logout.entity.LogoutDelivery;
import dev.oauth2jwt.persistence.control.Database;
import dev.oauth2jwt.sessions.entity.LoginSession;
import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.users.entity.AccountSessionsEnding;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Single logout: which applications must hear that a browser login (the SSO session) ended. Every
 * client that redeemed a code of that login, and registered a way to be told, is: by the back
 * channel (a delivery is written in the transaction that ends the login, and {@link
 * BackChannelDeliveries} sends it), and by the front channel (the logout page frames its URI).
 * Its {@code sid} is the browser login's id, as in the ID tokens it got; its {@code sub} the
 * account's subject identifier. A client told of a login is told again only if it got tokens from
 * that login after (it may log in again on the same browser login).
 */
@ApplicationScoped
public class SingleLogout {

    @Inject
    Database database;

    @Inject
    TokenSettings settings;

    @Inject
    BackChannelDeliveries deliveries;

    Clock clock = Clock.systemUTC();

    /**
     * In the transaction that ends the browser login: a back-channel delivery for every client
     * that had tokens from it and has not been told since. Only when logout tokens can be signed
     * for the client to check (RS256/ES256, as ID tokens).
     */
    public int browserLoginEnded(EntityManager em, String ssoSessionId) {
        if (!settings.signsIdTokens()) {
            return 0;
        }
        List<Object[]> apps = em.createQuery("SELECT s.clientId, s.userId, MAX(s.createdAt) FROM LoginSession s "
                        + "WHERE s.ssoSessionId = :sso AND s.clientId IS NOT NULL GROUP BY s.clientId, s.userId", Object[].class)
                .setParameter("sso", ssoSessionId)
                .getResultList();
        int queued = 0;
        for (Object[] app : apps) {
            User user = em.find(User.class, app[1]);
            if (user != null && queue(em, (String) app[0], user.subject(), ssoSessionId, (Long) app[2])) {
                queued++;
            }
        }
        return queued;
    }

    /**
     * Once the browser login's end and its codes' have committed: an application that redeemed a
     * code meanwhile is told too, and what was queued goes out at once.
     */
    public void browserLoginEndedCommitted(String ssoSessionId) {
        if (settings.signsIdTokens()) {
            database.inTransaction(em -> browserLoginEnded(em, ssoSessionId));
            deliveries.deliverSoon();
        }
    }

    /**
     * One application's session of a browser login ended (the account page's or an
     * administrator's button): that application alone is told.
     */
    public void appSessionEnded(String loginSessionId) {
        if (!settings.signsIdTokens()) {
            return;
        }
        boolean queued = database.inTransaction(em -> {
            LoginSession session = em.find(LoginSession.class, loginSessionId);
            if (session == null || session.ssoSessionId() == null || session.clientId() == null) {
                return false;
            }
            User user = em.find(User.class, session.userId());
            return user != null && queue(em, session.clientId(), user.subject(), session.ssoSessionId(), session.createdAt());
        });
        if (queued) {
            deliveries.deliverSoon();
        }
    }

    /**
     * Every session of the account ends (a new security stamp, or the account's deletion): every
     * browser login whose applications got tokens under the stamp that ends, in the same
     * transaction. Delivered at the next round of {@link BackChannelDeliveries}, within a second.
     */
    void accountSessionsEnding(@Observes AccountSessionsEnding ending) {
        if (!settings.signsIdTokens()) {
            return;
        }
        EntityManager em = ending.em();
        List<Object[]> apps = em.createQuery("SELECT s.ssoSessionId, s.clientId, MAX(s.createdAt) FROM LoginSession s "
                        + "WHERE s.userId = :user AND s.securityStamp = :stamp AND s.ssoSessionId IS NOT NULL AND s.clientId IS NOT NULL "
                        + "GROUP BY s.ssoSessionId, s.clientId", Object[].class)
                .setParameter("user", ending.userId())
                .setParameter("stamp", ending.securityStamp())
                .getResultList();
        for (Object[] app : apps) {
            queue(em, (String) app[1], ending.subject(), (String) app[0], (Long) app[2]);
        }
    }

    /**
     * What the logout page frames for the browser login: each front-channel logout URI of the
     * clients that had tokens from it, with {@code iss} and {@code sid} (Front-Channel Logout 1.0
     * section 2).
     */
    public List<String> frontChannelUris(String ssoSessionId) {
        if (ssoSessionId == null) {
            return List.of();
        }
        return database.read(em -> {
            List<String> uris = new ArrayList<>();
            for (String clientId : em.createQuery("SELECT DISTINCT s.clientId FROM LoginSession s WHERE s.ssoSessionId = :sso "
                    + "AND s.clientId IS NOT NULL ORDER BY s.clientId", String.class).setParameter("sso", ssoSessionId).getResultList()) {
                Optional.ofNullable(em.find(Client.class, clientId))
                        .flatMap(Client::frontchannelLogoutUri)
                        .ifPresent(uri -> uris.add(uri + (uri.contains("?") ? "&" : "?") + "iss="
                                + URLEncoder.encode(settings.issuer(), StandardCharsets.UTF_8) + "&sid="
                                + URLEncoder.encode(ssoSessionId, StandardCharsets.UTF_8)));
            }
            return uris;
        });
    }

    /** A delivery to the client, if it has a back channel and was not told since it last got tokens from the login. */
    private boolean queue(EntityManager em, String clientId, String subject, String sid, long lastTokensAt) {
        Client client = em.find(Client.class, clientId);
        if (client == null || client.backchannelLogoutUri().isEmpty()) {
            return false;
        }
        long toldSince = em.createQuery("SELECT COUNT(d) FROM LogoutDelivery d WHERE d.sid = :sid AND d.clientId = :client "
                        + "AND d.createdAt >= :since", Long.class)
                .setParameter("sid", sid)
                .setParameter("client", clientId)
                .setParameter("since", lastTokensAt)
                .getSingleResult();
        if (toldSince > 0) {
            return false;
        }
        em.persist(new LogoutDelivery(UUID.randomUUID().toString(), clientId, subject, sid, clock.millis()));
        return true;
    }
}
