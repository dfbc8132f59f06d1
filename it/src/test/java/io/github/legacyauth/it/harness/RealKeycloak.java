package io.github.legacyauth.it.harness;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension handing tests the run's {@link KeycloakServer}: started by the first test class that
 * asks, shared by all, stopped when the run ends. In a container run without a Docker engine, it skips
 * the classes that use it.
 */
public final class RealKeycloak implements ParameterResolver, ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (KeycloakServer.inContainer() && !ContainerRuntime.dockerAvailable()) {
            return ConditionEvaluationResult.disabled(ContainerRuntime.NO_DOCKER);
        }
        return ConditionEvaluationResult.enabled("a Keycloak server can run");
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealKeycloak.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeycloakServer.class, key -> KeycloakServer.start(), KeycloakServer.class);
    }
}
