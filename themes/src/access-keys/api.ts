import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import type Keycloak from "keycloak-js";

import { joinPath } from "../environment";

import type { AccessKey } from "../shared/access-key";

export type { AccessKey };

export type Scope = { name: string; description?: string };

export type KeyOptions = {
  enabled: boolean;
  max_per_user: number;
  max_lifetime_days: number | null;
  default_lifetime_days: number | null;
  expired_retention_days: number;
  api_access: boolean;
  scopes_limited: boolean;
  scopes: Scope[];
};

export type NewKey = { description: string; expires_at?: string; scopes: string[] };

type Context = { environment: AccountEnvironment; keycloak: Keycloak };

/** The server's own reason (error_description), or the status when it gave none. */
export class KeyApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

async function call(context: Context, path: string, init: RequestInit = {}): Promise<Response> {
  const { environment, keycloak } = context;
  try {
    await keycloak.updateToken(5);
  } catch {
    await keycloak.login();
  }
  const url = joinPath(environment.serverBaseUrl, "realms", encodeURIComponent(environment.realm),
    "legacy-auth/account/access-keys", path);
  const response = await fetch(url, {
    ...init,
    headers: {
      ...(init.body ? { "content-type": "application/json" } : {}),
      accept: "application/json",
      authorization: `Bearer ${keycloak.token}`,
    },
  });
  if (!response.ok) {
    let reason = `HTTP ${response.status}`;
    try {
      const body = await response.json();
      reason = body.error_description || body.error || reason;
    } catch {
      // not JSON: keep the status
    }
    throw new KeyApiError(reason, response.status);
  }
  return response;
}

export async function listKeys(context: Context, signal?: AbortSignal): Promise<AccessKey[]> {
  return (await call(context, "", { signal })).json();
}

export async function keyOptions(context: Context, signal?: AbortSignal): Promise<KeyOptions> {
  return (await call(context, "options", { signal })).json();
}

export async function createKey(context: Context, request: NewKey): Promise<AccessKey> {
  return (await call(context, "", { method: "POST", body: JSON.stringify(request) })).json();
}

export async function revokeKey(context: Context, id: string): Promise<void> {
  await call(context, encodeURIComponent(id), { method: "DELETE" });
}

export async function regenerateKey(context: Context, id: string): Promise<AccessKey> {
  return (await call(context, `${encodeURIComponent(id)}/regenerate`, { method: "POST" })).json();
}
