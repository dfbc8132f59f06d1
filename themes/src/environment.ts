import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";

/** The settings Keycloak writes into the page (index.ftl of keycloak.v3). */
function injectedEnvironment(): AccountEnvironment {
  const text = document.getElementById("environment")?.textContent;
  if (typeof text !== "string") {
    throw new Error("Environment variables not found in the document.");
  }
  return JSON.parse(text) as AccountEnvironment;
}

export const environment = injectedEnvironment();

export function joinPath(...parts: string[]): string {
  return parts
    .map((part, index) => {
      let p = part;
      if (index > 0) p = p.replace(/^\/+/, "");
      if (index < parts.length - 1) p = p.replace(/\/+$/, "");
      return p;
    })
    .join("/");
}
