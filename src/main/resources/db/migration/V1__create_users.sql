-- A sequence rather than an identity column: the same DDL and JPA mapping work on H2 and
-- PostgreSQL, with EclipseLink (Payara) and Hibernate (WildFly).
CREATE SEQUENCE users_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE users (
    id              BIGINT        NOT NULL PRIMARY KEY,
    username        VARCHAR(64)   NOT NULL,
    email           VARCHAR(320),
    full_name       VARCHAR(255),
    hashed_password VARCHAR(255)  NOT NULL,
    disabled        BOOLEAN       NOT NULL DEFAULT FALSE,
    scopes          VARCHAR(1024) NOT NULL DEFAULT 'me items',
    CONSTRAINT users_username_unique UNIQUE (username)
);
