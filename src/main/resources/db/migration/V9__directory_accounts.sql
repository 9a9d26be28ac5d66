-- Directory login (issue 23): an account made by a login against an LDAP directory or Active
-- Directory is linked to its entry by the entry's immutable id (entryUUID, objectGUID), never by
-- its name. NULL for the accounts made here.
ALTER TABLE users ADD COLUMN directory_id VARCHAR(64);
CREATE UNIQUE INDEX users_directory_id ON users (directory_id);
