package io.github.legacyauth.core;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Which password a session was opened with: the SHA-256 of the password credential's id and creation
 * time, kept in a note of every session a password login issues (token pairs, session cookies, bearers
 * of {@code /a}). A password change or reset gives the credential a new creation time, so the sessions
 * opened with the old password end at their next use, as Django ends its sessions on a password change.
 * Keycloak re-hashing the same password (a policy change) keeps both, and the sessions.
 */
public final class PasswordFingerprint {

    /** User-session note holding the fingerprint. */
    public static final String NOTE = "legacy-auth.password";

    private PasswordFingerprint() {
    }

    /** The fingerprint of the user's password now; empty when the user has none. */
    public static String of(UserModel user) {
        CredentialModel password = user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst().orElse(null);
        return password == null ? "" : SecretHash.hash(password.getId() + ":" + password.getCreatedDate());
    }

    /** Records the user's password in the session. */
    public static void record(UserSessionModel session, UserModel user) {
        session.setNote(NOTE, of(user));
    }

    /** False once the password the session was opened with has been changed (sessions without the note pass). */
    public static boolean stillCurrent(UserSessionModel session, UserModel user) {
        String recorded = session.getNote(NOTE);
        return recorded == null || recorded.equals(of(user));
    }
}
