package io.github.legacyauth.grant;

import org.keycloak.models.AuthenticationExecutionModel;

/** The requirements a legacy direct-grant step may take in a flow. */
final class GrantRequirements {

    static final AuthenticationExecutionModel.Requirement[] CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    private GrantRequirements() {
    }
}
