import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";

/** The settings Keycloak writes into the admin console's page (index.ftl of keycloak.v2). */
function injectedEnvironment(): AdminEnvironment {
  const text = document.getElementById("environment")?.textContent;
  if (typeof text !== "string") {
    throw new Error("Environment variables not found in the document.");
  }
  return JSON.parse(text) as AdminEnvironment;
}

export const environment = injectedEnvironment();
